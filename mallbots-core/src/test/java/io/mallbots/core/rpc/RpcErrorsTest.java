package io.mallbots.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.core.domain.Invalid;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import org.junit.jupiter.api.Test;

class RpcErrorsTest {

  @Test
  void aRuleQuotingAHugeValueReachesTheCallerShortened() {
    // A 1 MB value quoted in grpc-message is over any HTTP/2 header limit: the stream would be reset.
    StatusException status = RpcErrors.toStatus("Users/GetUser", new Invalid("id must be a UUID, got '"
        + "x".repeat(1 << 20) + "'"));

    assertThat(status.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(status.message()).startsWith("id must be a UUID, got 'xxx").endsWith("...")
        .hasSize(RpcErrors.MAX_MESSAGE_LENGTH);
  }

  @Test
  void shortMessagesAndStatusesPassUnchanged() {
    StatusException given = new StatusException(GrpcStatus.NOT_FOUND, "no such basket");

    assertThat(RpcErrors.toStatus("Baskets/GetBasket", given)).isSameAs(given);
    assertThat(RpcErrors.toStatus("Baskets/GetBasket", new Invalid("quantity must be at least 1")).message())
        .isEqualTo("quantity must be at least 1");
  }

  @Test
  void aLongMessageIsNeverCutInsideACharacter() {
    String message = "a".repeat(RpcErrors.MAX_MESSAGE_LENGTH - 4) + "😀".repeat(10);

    String bounded = RpcErrors.bounded(message);

    assertThat(bounded).endsWith("...");
    assertThat(Character.isHighSurrogate(bounded.charAt(bounded.length() - 4))).isFalse();
  }
}
