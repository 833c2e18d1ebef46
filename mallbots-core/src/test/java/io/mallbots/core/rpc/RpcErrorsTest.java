package io.mallbots.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.core.domain.Invalid;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class RpcErrorsTest {

  @Test
  void a_rule_quoting_a_huge_value_reaches_the_caller_shortened() {
    // A 1 MB value quoted in grpc-message is over any HTTP/2 header limit: the stream would be
    // reset.
    StatusException status =
        RpcErrors.toStatus(
            "Users/GetUser", new Invalid("id must be a UUID, got '" + "x".repeat(1 << 20) + "'"));

    assertThat(status.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(status.message())
        .startsWith("id must be a UUID, got 'xxx")
        .endsWith("...")
        .hasSize(RpcErrors.MAX_MESSAGE_LENGTH);
  }

  @Test
  void short_messages_and_statuses_pass_unchanged() {
    StatusException given = new StatusException(GrpcStatus.NOT_FOUND, "no such basket");

    assertThat(RpcErrors.toStatus("Baskets/GetBasket", given)).isSameAs(given);
    assertThat(
            RpcErrors.toStatus("Baskets/GetBasket", new Invalid("quantity must be at least 1"))
                .message())
        .isEqualTo("quantity must be at least 1");
  }

  @Test
  void a_long_message_is_never_cut_inside_a_character() {
    String message = "a".repeat(RpcErrors.MAX_MESSAGE_LENGTH - 4) + "😀".repeat(10);

    String bounded = RpcErrors.bounded(message);

    assertThat(bounded).endsWith("...");
    assertThat(Character.isHighSurrogate(bounded.charAt(bounded.length() - 4))).isFalse();
  }

  @Test
  void a_lost_or_refused_database_connection_tells_the_caller_to_try_again() {
    assertThat(RpcErrors.toStatus("Rpc", ClosedConnectionException.INSTANCE).status())
        .isEqualTo(GrpcStatus.UNAVAILABLE);
    assertThat(RpcErrors.toStatus("Rpc", new ConnectException("Connection refused")).status())
        .isEqualTo(GrpcStatus.UNAVAILABLE);
  }

  @Test
  void anything_else_unexpected_stays_internal() {
    assertThat(RpcErrors.toStatus("Rpc", new IllegalStateException("bug")).status())
        .isEqualTo(GrpcStatus.INTERNAL);
  }
}
