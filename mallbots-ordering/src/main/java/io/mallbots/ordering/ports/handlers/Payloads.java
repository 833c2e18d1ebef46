package io.mallbots.ordering.ports.handlers;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.mallbots.common.v1.MessageType;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.messaging.Message;

/**
 * Decodes a message's protobuf payload. An undecodable event fails its handler, so it ends in the dead letters;
 * an undecodable saga command is a rejection (a failure reply), since retrying cannot make it readable.
 */
final class Payloads {

  private Payloads() {
  }

  static <T extends com.google.protobuf.Message> T parse(MessageType<T> type, Message message) {
    return parse(type.parser(), message);
  }

  static <T> T parse(Parser<T> parser, Message message) {
    try {
      return parser.parseFrom(message.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new Invalid("MALFORMED_MESSAGE", message.name() + " " + message.id() + " is not decodable: " + e.getMessage());
    }
  }
}
