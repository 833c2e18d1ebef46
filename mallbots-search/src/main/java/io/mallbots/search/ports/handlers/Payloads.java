package io.mallbots.search.ports.handlers;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Decodes a message's protobuf payload; an undecodable one fails its handler, so it ends in the dead letters. */
final class Payloads {

  private Payloads() {
  }

  static <T> T parse(Parser<T> parser, Message message) {
    try {
      return parser.parseFrom(message.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new Invalid("MALFORMED_MESSAGE",
          message.name() + " " + message.id() + " is not decodable: " + e.getMessage());
    }
  }

  /** When the fact happened, from the envelope; empty when the publisher did not say (or said nonsense). */
  static Optional<Instant> occurredAt(Message message) {
    String value = message.metadata(Metadata.OCCURRED_AT);
    try {
      return value == null ? Optional.empty() : Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
