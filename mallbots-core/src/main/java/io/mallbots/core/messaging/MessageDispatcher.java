package io.mallbots.core.messaging;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every adapter does with a message it received, so that all of them behave alike: messages
 * with the same aggregate id run one after the other in arrival order while different ids run
 * concurrently; a failed handler is tried again after a growing backoff; after the last attempt the
 * message is published to {@code <topic>.dlq} with the reason, and counts as handled. A failure
 * that says a database or service the handler needs is down ({@link Outages}) uses up no attempt:
 * the message waits for it to return.
 *
 * <p>Not thread-safe: an adapter calls {@link #dispatch} only on the subscription's context, where
 * the handler and the retry timers run too.
 */
public final class MessageDispatcher {

  private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);

  private final Context context;
  private final String group;
  private final SubscriptionOptions options;
  private final MessageHandler handler;
  private final Function<Message, Future<Void>> deadLetters;
  private final Map<String, Future<Void>> tailByKey = new HashMap<>();
  private int inFlight;
  private boolean closed;
  private Promise<Void> drained;

  /**
   * @param context where the handler runs
   * @param deadLetters publishes a dead letter (already addressed to the DLQ topic)
   */
  public MessageDispatcher(
      Context context,
      String group,
      SubscriptionOptions options,
      MessageHandler handler,
      Function<Message, Future<Void>> deadLetters) {
    this.context = context;
    this.group = group;
    this.options = options;
    this.handler = handler;
    this.deadLetters = deadLetters;
  }

  /**
   * Handles {@code message} after the earlier messages of the same key. Succeeds once the handler
   * succeeded or the message was dead-lettered; fails only when the dispatcher was closed first, in
   * which case the adapter must not acknowledge it.
   */
  public Future<Void> dispatch(Message message) {
    inFlight++;
    Future<Void> previous = tailByKey.getOrDefault(message.aggregateId(), Future.succeededFuture());
    Future<Void> mine =
        previous.transform(
            earlier -> {
              MessagingMetrics.lag(message.topic(), group, message);
              return attempt(message, 1, 0);
            });
    tailByKey.put(message.aggregateId(), mine);
    mine.onComplete(
        done -> {
          if (tailByKey.get(message.aggregateId()) == mine) {
            tailByKey.remove(message.aggregateId());
          }
          inFlight--;
          if (inFlight == 0 && drained != null) {
            drained.tryComplete();
          }
        });
    return mine;
  }

  /** Messages dispatched and not yet finished. */
  public int inFlight() {
    return inFlight;
  }

  /** Stops retrying; completes when nothing is in flight any more. */
  public Future<Void> close() {
    closed = true;
    if (inFlight == 0) {
      return Future.succeededFuture();
    }
    if (drained == null) {
      drained = Promise.promise();
    }
    return drained.future();
  }

  /**
   * Try number {@code attempt}, after {@code outages} failures that were outages (they use up no
   * attempt).
   */
  private Future<Void> attempt(Message message, int attempt, int outages) {
    if (closed) {
      return Future.failedFuture(
          new IllegalStateException("subscription closed before " + message + " was handled"));
    }
    long started = System.nanoTime();
    return MessageTracing.process(context, message, group, attempt, () -> invoke(message))
        .transform(
            result -> {
              if (result.succeeded()) {
                MessagingMetrics.handled(message.topic(), group, System.nanoTime() - started);
                return Future.succeededFuture();
              }
              Throwable failure = result.cause();
              MessagingMetrics.failed(message.topic(), group);
              if (Outages.isOutage(failure)) {
                // Not the message's fault: it waits for the database or service to come back
                // instead of using up its attempts (make chaos: a 5 s database cut came within a
                // second of dead-lettering checkouts).
                log.warn(
                    "{} waits in group {} for an outage to end: {}",
                    message,
                    group,
                    String.valueOf(failure));
                return later(options.backoffAfter(outages + 1).toMillis())
                    .compose(v -> attempt(message, attempt, outages + 1));
              }
              if (attempt >= options.maxAttempts()) {
                return deadLetter(message, attempt, failure);
              }
              log.warn(
                  "{} failed in group {} (attempt {} of {}): {}",
                  message,
                  group,
                  attempt,
                  options.maxAttempts(),
                  String.valueOf(failure));
              return later(options.backoffAfter(attempt).toMillis())
                  .compose(v -> attempt(message, attempt + 1, outages));
            });
  }

  private Future<Void> invoke(Message message) {
    try {
      Future<Void> result = handler.handle(message);
      return result != null
          ? result
          : Future.failedFuture(new NullPointerException("handler returned null"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<Void> deadLetter(Message message, int attempts, Throwable failure) {
    log.error(
        "{} dead-lettered by group {} after {} attempts: {}",
        message,
        group,
        attempts,
        String.valueOf(failure));
    Message letter = message.asDeadLetter(group, String.valueOf(failure), attempts);
    // The message counts as handled once the dead letter is recorded too: whoever waits for the
    // subscription to be idle (a test, an operator draining it) then finds it where dead letters
    // are listed.
    return publishDeadLetter(letter, 1)
        .compose(
            v -> {
              MessagingMetrics.deadLettered(message.topic(), group);
              return options
                  .deadLetters()
                  .apply(letter)
                  .recover(
                      error -> {
                        log.warn(
                            "dead letter {} published but not recorded: {}",
                            letter,
                            String.valueOf(error));
                        return Future.succeededFuture();
                      });
            });
  }

  private Future<Void> publishDeadLetter(Message letter, int attempt) {
    return deadLetters
        .apply(letter)
        .recover(
            error -> {
              if (closed) {
                return Future.failedFuture(error);
              }
              log.warn(
                  "could not publish dead letter {} (attempt {}): {}",
                  letter,
                  attempt,
                  String.valueOf(error));
              return later(options.backoffAfter(attempt).toMillis())
                  .compose(v -> publishDeadLetter(letter, attempt + 1));
            });
  }

  private Future<Void> later(long millis) {
    Promise<Void> promise = Promise.promise();
    context.owner().setTimer(Math.max(1, millis), id -> promise.complete());
    return promise.future();
  }
}
