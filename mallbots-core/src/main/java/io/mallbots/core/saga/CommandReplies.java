package io.mallbots.core.saga;

import io.mallbots.common.v1.CommandReply;
import io.mallbots.common.v1.Outcome;
import io.mallbots.core.domain.DomainException;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;

/**
 * Builds the reply to a saga command: a {@code common.CommandReply} addressed to the command's
 * {@link Metadata#REPLY_TO} topic, keyed by the same aggregate, naming the command and the saga.
 */
public final class CommandReplies {

  /** The envelope name of every reply. */
  public static final String NAME = "common.CommandReply";

  private CommandReplies() {}

  public static Message success(Message command) {
    return reply(command, CommandReply.newBuilder().setOutcome(Outcome.OUTCOME_SUCCESS).build());
  }

  public static Message failure(Message command, DomainException rejection) {
    return failure(command, rejection.code(), rejection.getMessage());
  }

  /**
   * A failure reply with the rejection's machine {@code code} and {@code reason}, e.g. as recorded
   * earlier.
   */
  public static Message failure(Message command, String code, String reason) {
    return reply(
        command,
        CommandReply.newBuilder()
            .setOutcome(Outcome.OUTCOME_FAILURE)
            .setCode(code == null ? "" : code)
            .setReason(reason == null ? "" : reason)
            .build());
  }

  private static Message reply(Message command, CommandReply body) {
    String replyTo = command.metadata(Metadata.REPLY_TO);
    if (replyTo == null) {
      throw new IllegalArgumentException(
          command + " has no " + Metadata.REPLY_TO + " to answer to");
    }
    Message reply =
        Message.create(replyTo, NAME, command.aggregateId(), body.toByteArray())
            .withMetadata(Metadata.COMMAND, command.name());
    String sagaId = command.metadata(Metadata.SAGA_ID);
    return sagaId == null ? reply : reply.withMetadata(Metadata.SAGA_ID, sagaId);
  }
}
