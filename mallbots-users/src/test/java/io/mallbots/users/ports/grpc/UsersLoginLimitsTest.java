package io.mallbots.users.ports.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.users.RunningUsers;
import io.mallbots.users.RunningUsers.GrpcOutcome;
import io.mallbots.users.v1.LoginRequest;
import io.mallbots.users.v1.RegisterUserRequest;
import io.mallbots.users.v1.UpdateUserRequest;
import io.mallbots.users.v1.UserServiceGrpcClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Login's limits with the shipped defaults (10 attempts a minute per username, 60 per address),
 * over gRPC and the JSON bridge, from several loopback addresses. Each test uses usernames and
 * addresses of its own, since the counters live as long as the service.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsersLoginLimitsTest {

  private RunningUsers users;

  @BeforeAll
  void start(Vertx vertx) {
    users = RunningUsers.inMemory(vertx);
  }

  @AfterAll
  void stop() {
    users.close();
  }

  @Test
  void the_eleventh_login_of_a_username_in_a_minute_is_refused_at_once_without_running_bcrypt() {
    register("lena");
    register("leo");
    RunningUsers.Caller attacker = users.from("127.0.0.2");
    for (int i = 0; i < 9; i++) {
      assertThat(
              attacker.outcome(UserServiceGrpcClient.Login, login("lena", "guess-" + i)).status())
          .isEqualTo(GrpcStatus.UNAUTHENTICATED);
    }
    assertThat(
            attacker
                .outcome(UserServiceGrpcClient.Login, login("lena", "password-of-lena"))
                .status())
        .as("a right password counts as an attempt like a wrong one")
        .isEqualTo(GrpcStatus.OK);
    int bcryptRuns = users.bcryptRuns();

    GrpcOutcome eleventh =
        attacker.outcome(UserServiceGrpcClient.Login, login("lena", "password-of-lena"));
    GrpcOutcome elsewhere =
        users
            .from("127.0.0.3")
            .outcome(UserServiceGrpcClient.Login, login("lena", "password-of-lena"));

    assertThat(eleventh.status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
    assertThat(eleventh.message())
        .matches("too many login attempts: try again in [1-6]?[0-9] seconds");
    assertThat(elsewhere.status())
        .as("the limit is the username's, wherever it is tried from")
        .isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
    assertThat(users.bcryptRuns()).isEqualTo(bcryptRuns);
    assertThat(
            users
                .from("127.0.0.3")
                .outcome(UserServiceGrpcClient.Login, login("leo", "password-of-leo"))
                .status())
        .as("another username from another address")
        .isEqualTo(GrpcStatus.OK);
    assertThat(
            attacker.outcome(UserServiceGrpcClient.Login, login("leo", "password-of-leo")).status())
        .as("another username from the same address, within its limit")
        .isEqualTo(GrpcStatus.OK);
  }

  @Test
  void over_the_json_bridge_the_refusal_is_429() {
    register("lars");
    RunningUsers.Caller caller = users.from("127.0.0.4");
    JsonObject wrong = new JsonObject().put("username", "lars").put("password", "wrong-password");
    for (int i = 0; i < 10; i++) {
      assertThat(caller.post("Login", wrong).statusCode()).isEqualTo(401);
    }
    int bcryptRuns = users.bcryptRuns();

    HttpResponse<Buffer> refused =
        caller.post(
            "Login", new JsonObject().put("username", "lars").put("password", "password-of-lars"));

    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(429);
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(refused.bodyAsJsonObject().getString("message"))
        .startsWith("too many login attempts: try again in");
    assertThat(users.bcryptRuns()).isEqualTo(bcryptRuns);
  }

  @Test
  void one_address_gets_sixty_attempts_a_minute_whatever_the_usernames() {
    register("lisa");
    RunningUsers.Caller flood = users.from("127.0.0.5");
    for (int i = 0; i < 60; i++) {
      assertThat(
              flood
                  .outcome(UserServiceGrpcClient.Login, login("random-" + i, "whatever-it-is"))
                  .status())
          .isEqualTo(GrpcStatus.UNAUTHENTICATED);
    }
    int bcryptRuns = users.bcryptRuns();

    GrpcOutcome refused =
        flood.outcome(UserServiceGrpcClient.Login, login("lisa", "password-of-lisa"));

    assertThat(refused.status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
    assertThat(users.bcryptRuns()).isEqualTo(bcryptRuns);
    assertThat(
            users
                .from("127.0.0.6")
                .outcome(UserServiceGrpcClient.Login, login("lisa", "password-of-lisa"))
                .status())
        .isEqualTo(GrpcStatus.OK);
  }

  @Test
  void guessing_the_current_password_through_update_user_meets_the_same_limit() {
    String id = register("lola");
    RunningUsers.Caller guesser = users.from("127.0.0.7");
    for (int i = 0; i < 10; i++) {
      assertThat(
              guesser
                  .outcome(UserServiceGrpcClient.UpdateUser, passwordChange(id, "guess-" + i))
                  .status())
          .isEqualTo(GrpcStatus.PERMISSION_DENIED);
    }
    int bcryptRuns = users.bcryptRuns();

    assertThat(
            guesser
                .outcome(UserServiceGrpcClient.UpdateUser, passwordChange(id, "password-of-lola"))
                .status())
        .isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
    assertThat(
            users
                .from("127.0.0.8")
                .outcome(UserServiceGrpcClient.Login, login("lola", "password-of-lola"))
                .status())
        .isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
    assertThat(users.bcryptRuns()).isEqualTo(bcryptRuns);
  }

  private String register(String username) {
    return users
        .grpc()
        .registerUser(
            RegisterUserRequest.newBuilder()
                .setUsername(username)
                .setEmail(username + "@example.com")
                .setPassword("password-of-" + username)
                .build())
        .await()
        .getId();
  }

  private static LoginRequest login(String username, String password) {
    return LoginRequest.newBuilder().setUsername(username).setPassword(password).build();
  }

  private static UpdateUserRequest passwordChange(String id, String current) {
    return UpdateUserRequest.newBuilder()
        .setId(id)
        .setPassword("a-brand-new-secret")
        .setCurrentPassword(current)
        .build();
  }
}
