package io.mallbots.common.v1;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;

/**
 * One message of a service's contract: the topic it travels on, its envelope name and the parser of
 * its payload. Publishers and consumers both use the constants of the service's {@code *Contract}
 * class, so renaming a message there is a compile error wherever it is sent or read.
 */
public record MessageType<T extends Message>(String topic, String name, Parser<T> parser) {

  /** The payload as the proto; an unreadable payload throws, for the consumer to dead-letter. */
  public T parse(byte[] payload) throws InvalidProtocolBufferException {
    return parser.parseFrom(payload);
  }
}
