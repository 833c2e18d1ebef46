package io.mallbots.core.rpc;

import com.google.protobuf.Message;
import io.vertx.grpc.common.CodecException;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.WireFormat;

/**
 * Decodes a gRPC request like protobuf's decoder, but hands bytes that are not the request message
 * (truncated, garbage, a string that is not UTF-8) to the endpoint as {@link Malformed} instead of
 * throwing: vert.x would cancel the stream, and the caller would see CANCELLED instead of
 * INVALID_ARGUMENT with a reason.
 */
final class RequestDecoder implements GrpcMessageDecoder<Object> {

  /** A request that could not be decoded, and why. */
  record Malformed(String reason) {}

  private final GrpcMessageDecoder<Message> protobuf;
  private final String type;

  RequestDecoder(Message prototype) {
    this.protobuf = GrpcMessageDecoder.decoder(prototype);
    this.type = prototype.getDescriptorForType().getName();
  }

  @Override
  public Object decode(GrpcMessage message) {
    try {
      return protobuf.decode(message);
    } catch (CodecException | IllegalArgumentException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return new Malformed("malformed " + type + ": " + cause.getMessage());
    }
  }

  @Override
  public boolean accepts(WireFormat format) {
    return protobuf.accepts(format);
  }
}
