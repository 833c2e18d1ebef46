package io.mallbots.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.StringValue;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.GrpcMessage;
import org.junit.jupiter.api.Test;

class RequestDecoderTest {

  private final RequestDecoder decoder = new RequestDecoder(StringValue.getDefaultInstance());

  @Test
  void aWellFormedRequestIsTheMessage() {
    Object decoded =
        decoder.decode(
            GrpcMessage.message("identity", Buffer.buffer(StringValue.of("Ada").toByteArray())));

    assertThat(decoded).isEqualTo(StringValue.of("Ada"));
  }

  @Test
  void garbageIsMalformedWithAReasonInsteadOfAnException() {
    Object decoded =
        decoder.decode(
            GrpcMessage.message("identity", Buffer.buffer(new byte[] {(byte) 0xFF, (byte) 0xFF})));

    assertThat(decoded).isInstanceOf(RequestDecoder.Malformed.class);
    assertThat(((RequestDecoder.Malformed) decoded).reason()).startsWith("malformed StringValue: ");
  }

  @Test
  void aStringThatIsNotUtf8IsMalformed() {
    // field 1, length-delimited, 2 bytes: a lone continuation byte and 0xFF
    byte[] notUtf8 = {0x0A, 0x02, (byte) 0x80, (byte) 0xFF};

    assertThat(decoder.decode(GrpcMessage.message("identity", Buffer.buffer(notUtf8))))
        .isInstanceOf(RequestDecoder.Malformed.class);
  }
}
