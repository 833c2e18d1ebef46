package io.mallbots.notifications.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.rpc.RpcClients;
import io.mallbots.notifications.domain.Recipient;
import io.mallbots.notifications.testing.FakeUsers;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The users fallback over real gRPC, against a stand-in UserService on an ephemeral port. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcUserDirectoryTest {

  private Vertx vertx;
  private FakeUsers users;
  private GrpcUserDirectory directory;

  @BeforeAll
  void start(Vertx vertx) {
    this.vertx = vertx;
    users = FakeUsers.start(vertx);
    directory = new GrpcUserDirectory(RpcClients.client(vertx, 300), users.address());
  }

  @AfterAll
  void stop() {
    users.close();
  }

  @Test
  void a_registered_user_is_found_with_name_and_email() {
    String id = users.register("alice");

    assertThat(directory.find(id).await())
        .contains(new Recipient(id, "alice", "alice@example.com"));
  }

  @Test
  void a_user_users_does_not_know_is_not_found() {
    assertThat(directory.find(UUID.randomUUID().toString()).await()).isEmpty();
  }

  @Test
  void an_id_that_cannot_be_a_user_s_is_not_found_either() {
    assertThat(directory.find("user-1").await()).isEmpty();
  }

  @Test
  void users_not_answering_in_time_is_unavailable() {
    users.silent(true);
    try {
      assertThatThrownBy(() -> directory.find(UUID.randomUUID().toString()).await())
          .isInstanceOfSatisfying(
              StatusException.class, e -> assertThat(e.status()).isEqualTo(GrpcStatus.UNAVAILABLE));
    } finally {
      users.silent(false);
    }
  }

  @Test
  void users_being_down_is_unavailable() {
    FakeUsers gone = FakeUsers.start(vertx);
    SocketAddress nobody = gone.address();
    gone.close();
    var unreachable = new GrpcUserDirectory(RpcClients.client(vertx, 300), nobody);

    assertThatThrownBy(() -> unreachable.find(UUID.randomUUID().toString()).await())
        .isInstanceOfSatisfying(
            StatusException.class,
            e -> {
              assertThat(e.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
              assertThat(e.message()).contains("try again");
            });
  }
}
