package io.mallbots.core.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.mallbots.common.v1.MessageType;
import io.mallbots.core.domain.Invalid;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a {@link Message}'s protobuf payload for the services' event and command handlers. An
 * undecodable payload is {@link Invalid} ("MALFORMED_MESSAGE"): an event handler fails with it, so
 * the event ends in the dead letters; a saga command handler turns it into a rejection, since
 * retrying cannot make it readable.
 */
public final class Payloads {

  private Payloads() {}

  /** The payload as the contract's message type. */
  public static <T extends com.google.protobuf.Message> T parse(
      MessageType<T> type, Message message) {
    return parse(type.parser(), message);
  }

  /** The payload read with {@code parser}. */
  public static <T> T parse(Parser<T> parser, Message message) {
    try {
      return parser.parseFrom(message.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new Invalid(
          "MALFORMED_MESSAGE",
          message.name() + " " + message.id() + " is not decodable: " + e.getMessage());
    }
  }

  /**
   * When the fact happened, from the envelope; empty when the publisher did not say (or said
   * nonsense).
   */
  public static Optional<Instant> occurredAt(Message message) {
    String value = message.metadata(Metadata.OCCURRED_AT);
    try {
      return value == null ? Optional.empty() : Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
