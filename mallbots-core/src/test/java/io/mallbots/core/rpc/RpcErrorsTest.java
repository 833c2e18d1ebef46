package io.mallbots.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.grpc.common.GrpcStatus;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class RpcErrorsTest {

  @Test
  void a_lost_or_refused_database_connection_tells_the_caller_to_try_again() {
    assertThat(RpcErrors.toStatus("Rpc", ClosedConnectionException.INSTANCE).status()).isEqualTo(GrpcStatus.UNAVAILABLE);
    assertThat(RpcErrors.toStatus("Rpc", new ConnectException("Connection refused")).status())
        .isEqualTo(GrpcStatus.UNAVAILABLE);
  }

  @Test
  void anything_else_unexpected_stays_internal() {
    assertThat(RpcErrors.toStatus("Rpc", new IllegalStateException("bug")).status()).isEqualTo(GrpcStatus.INTERNAL);
  }
}
