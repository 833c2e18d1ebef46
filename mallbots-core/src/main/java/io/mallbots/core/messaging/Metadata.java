package io.mallbots.core.messaging;

/**
 * The metadata keys every adapter carries in broker headers. Values are strings; times are
 * ISO-8601.
 */
public final class Metadata {

  /** W3C trace context of the span that published the message. */
  public static final String TRACEPARENT = "traceparent";

  /** W3C trace state that goes with {@link #TRACEPARENT}. */
  public static final String TRACESTATE = "tracestate";

  /** Id shared by every message of one business flow (e.g. one checkout). */
  public static final String CORRELATION_ID = "correlation-id";

  /** Id of the message that caused this one. */
  public static final String CAUSATION_ID = "causation-id";

  /** When the fact happened (ISO-8601), as opposed to when it was published. */
  public static final String OCCURRED_AT = "occurred-at";

  /**
   * When the outbox relay handed the message to the broker (ISO-8601); consumer lag is measured
   * from it.
   */
  public static final String PUBLISHED_AT = "published-at";

  /** For saga commands: the topic the reply goes to. */
  public static final String REPLY_TO = "reply-to";

  /** On a saga reply: the name of the command it answers, e.g. {@code users.AuthorizeUser}. */
  public static final String COMMAND = "command-name";

  /** On a saga command and its reply: the saga instance (the order id for create-order). */
  public static final String SAGA_ID = "saga-id";

  /** On a dead letter: the topic the message was first published on. */
  public static final String ORIGINAL_TOPIC = "dlq-original-topic";

  /** On a dead letter: why the last attempt failed. */
  public static final String DEAD_LETTER_REASON = "dlq-reason";

  /** On a dead letter: how many times the handler was tried. */
  public static final String ATTEMPTS = "dlq-attempts";

  /** On a dead letter: the subscriber group that gave up. */
  public static final String DEAD_LETTER_GROUP = "dlq-group";

  /**
   * On a replayed dead letter: the id of the message it replays, so inboxes that had it keep it
   * once.
   */
  public static final String REPLAY_OF = "replay-of";

  private Metadata() {}
}
