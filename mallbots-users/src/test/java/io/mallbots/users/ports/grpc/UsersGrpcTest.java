package io.mallbots.users.ports.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.messaging.Message;
import io.mallbots.users.RunningUsers;
import io.mallbots.users.v1.AuthorizeUserRequest;
import io.mallbots.users.v1.DisableUserRequest;
import io.mallbots.users.v1.EnableUserRequest;
import io.mallbots.users.v1.GetUserRequest;
import io.mallbots.users.v1.LoginRequest;
import io.mallbots.users.v1.LoginResponse;
import io.mallbots.users.v1.LoginVerifyRequest;
import io.mallbots.users.v1.LoginVerifyResponse;
import io.mallbots.users.v1.RegisterUserRequest;
import io.mallbots.users.v1.UpdateUserRequest;
import io.mallbots.users.v1.User;
import io.mallbots.users.v1.UserServiceGrpcClient;
import io.mallbots.users.v1.UserUpdated;
import io.mallbots.users.v1.UsersContract;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * UserService through a real vertx-grpc client: every RPC's happy path and each error it can
 * return.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsersGrpcTest {

  private RunningUsers users;
  private UserServiceGrpcClient client;

  @BeforeAll
  void start(Vertx vertx) {
    users = RunningUsers.inMemory(vertx, UsersContract.USER_EVENTS);
    client = users.grpc();
  }

  @AfterAll
  void stop() {
    users.close();
  }

  @Test
  void a_registered_user_can_be_read_back_without_any_password() {
    String id = register("alice");

    User user = client.getUser(GetUserRequest.newBuilder().setId(id).build()).await().getUser();

    assertThat(user)
        .isEqualTo(
            User.newBuilder()
                .setId(id)
                .setUsername("alice")
                .setEmail("alice@example.com")
                .setBio("likes robots")
                .setEnabled(true)
                .build());
  }

  @Test
  void registration_checks_each_field() {
    assertStatus(
        UserServiceGrpcClient.RegisterUser,
        registration("bob").setEmail("bob-at-example").build(),
        GrpcStatus.INVALID_ARGUMENT,
        "email");
    assertStatus(
        UserServiceGrpcClient.RegisterUser,
        registration("bob").setPassword("1234567").build(),
        GrpcStatus.INVALID_ARGUMENT,
        "at least 8 characters");
    assertStatus(
        UserServiceGrpcClient.RegisterUser,
        registration("").build(),
        GrpcStatus.INVALID_ARGUMENT,
        "username is required");
  }

  @Test
  void a_username_or_email_can_be_registered_once() {
    register("carol");

    assertStatus(
        UserServiceGrpcClient.RegisterUser,
        registration("carol").setEmail("carol2@example.com").build(),
        GrpcStatus.ALREADY_EXISTS,
        "username carol is taken");
    assertStatus(
        UserServiceGrpcClient.RegisterUser,
        registration("carol2").setEmail("CAROL@example.com").build(),
        GrpcStatus.ALREADY_EXISTS,
        "belongs to another user");
  }

  @Test
  void an_unknown_or_malformed_id_is_not_found_or_invalid() {
    assertStatus(
        UserServiceGrpcClient.GetUser,
        GetUserRequest.newBuilder().setId(UUID.randomUUID().toString()).build(),
        GrpcStatus.NOT_FOUND,
        "not found");
    assertStatus(
        UserServiceGrpcClient.GetUser,
        GetUserRequest.newBuilder().setId("42").build(),
        GrpcStatus.INVALID_ARGUMENT,
        "UUID");
    assertStatus(
        UserServiceGrpcClient.DisableUser,
        DisableUserRequest.newBuilder().build(),
        GrpcStatus.INVALID_ARGUMENT,
        "id is required");
  }

  @Test
  void a_login_gives_tokens_that_say_whose_they_are() {
    String id = register("dave");

    LoginResponse login = logIn("dave", "password-of-dave");
    LoginVerifyResponse verified =
        client
            .loginVerify(LoginVerifyRequest.newBuilder().setToken(login.getAccessToken()).build())
            .await();

    assertThat(login.getUserId()).isEqualTo(id);
    assertThat(login.getRefreshToken()).isNotBlank().isNotEqualTo(login.getAccessToken());
    assertThat(Instant.ofEpochSecond(login.getAccessTokenExpiresAt().getSeconds()))
        .isBetween(
            Instant.now().plus(Duration.ofMinutes(4)), Instant.now().plus(Duration.ofMinutes(5)));
    assertThat(login.getRefreshTokenExpiresAt().getSeconds())
        .isGreaterThan(login.getAccessTokenExpiresAt().getSeconds());
    assertThat(verified.getUserId()).isEqualTo(id);
    assertThat(verified.getUsername()).isEqualTo("dave");
    assertThat(verified.getExpiresAt()).isEqualTo(login.getAccessTokenExpiresAt());
  }

  @Test
  void a_wrong_password_and_an_unknown_username_get_the_same_answer() {
    register("erin");

    var wrongPassword =
        users.outcome(UserServiceGrpcClient.Login, login("erin", "not-her-password"));
    var unknownUser =
        users.outcome(
            UserServiceGrpcClient.Login, login("nobody-" + UUID.randomUUID(), "whatever-it-is"));

    assertThat(wrongPassword)
        .isEqualTo(unknownUser)
        .isEqualTo(
            new RunningUsers.GrpcOutcome(
                GrpcStatus.UNAUTHENTICATED, "username or password is wrong"));
    assertStatus(
        UserServiceGrpcClient.Login,
        login("erin", ""),
        GrpcStatus.INVALID_ARGUMENT,
        "password is required");
  }

  @Test
  void a_disabled_user_cannot_log_in_and_loses_their_tokens() {
    String id = register("frank");
    String token = logIn("frank", "password-of-frank").getAccessToken();

    client.disableUser(DisableUserRequest.newBuilder().setId(id).build()).await();

    assertStatus(
        UserServiceGrpcClient.Login,
        login("frank", "password-of-frank"),
        GrpcStatus.FAILED_PRECONDITION,
        "disabled");
    assertStatus(
        UserServiceGrpcClient.LoginVerify,
        verification(token),
        GrpcStatus.UNAUTHENTICATED,
        "token is not valid");
  }

  @Test
  void a_disabled_user_gets_no_new_token_neither_by_login_nor_with_the_refresh_token() {
    String id = register("fred");
    LoginResponse before = logIn("fred", "password-of-fred");

    client.disableUser(DisableUserRequest.newBuilder().setId(id).build()).await();

    assertStatus(
        UserServiceGrpcClient.Login,
        login("fred", "password-of-fred"),
        GrpcStatus.FAILED_PRECONDITION,
        "disabled");
    assertStatus(
        UserServiceGrpcClient.LoginVerify,
        verification(before.getRefreshToken()),
        GrpcStatus.UNAUTHENTICATED,
        "token is not valid");
    assertStatus(
        UserServiceGrpcClient.LoginVerify,
        verification(before.getAccessToken()),
        GrpcStatus.UNAUTHENTICATED,
        "token is not valid");
    // What the other services accept without asking users ends with the access token's short life.
    assertThat(Instant.ofEpochSecond(before.getAccessTokenExpiresAt().getSeconds()))
        .isBeforeOrEqualTo(Instant.now().plus(Duration.ofSeconds(300)));
  }

  @Test
  void only_intact_access_tokens_are_accepted() {
    register("gina");
    LoginResponse login = logIn("gina", "password-of-gina");

    assertStatus(
        UserServiceGrpcClient.LoginVerify,
        verification(login.getRefreshToken()),
        GrpcStatus.UNAUTHENTICATED,
        "not valid");
    assertStatus(
        UserServiceGrpcClient.LoginVerify,
        verification(login.getAccessToken() + "x"),
        GrpcStatus.UNAUTHENTICATED,
        "not valid");
    assertStatus(
        UserServiceGrpcClient.LoginVerify,
        verification("garbage"),
        GrpcStatus.UNAUTHENTICATED,
        "not valid");
    assertStatus(
        UserServiceGrpcClient.LoginVerify,
        verification(""),
        GrpcStatus.INVALID_ARGUMENT,
        "token is required");
  }

  @Test
  void an_update_changes_only_the_fields_it_sets_and_is_announced() throws Exception {
    String id = register("hank");

    User updated =
        client
            .updateUser(
                UpdateUserRequest.newBuilder()
                    .setId(id)
                    .setBio("")
                    .setImage("https://img/h.png")
                    .build())
            .await()
            .getUser();

    assertThat(updated)
        .isEqualTo(
            User.newBuilder()
                .setId(id)
                .setUsername("hank")
                .setEmail("hank@example.com")
                .setImage("https://img/h.png")
                .setEnabled(true)
                .build());
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(users.publishedAbout(id))
                    .extracting(Message::name)
                    .containsExactly("users.UserRegistered", "users.UserUpdated"));
    assertThat(UserUpdated.parseFrom(users.publishedAbout(id).get(1).payload()).getImage())
        .isEqualTo("https://img/h.png");
  }

  @Test
  void an_update_keeps_rules_and_uniqueness() {
    String id = register("ivan");
    register("judy");

    assertStatus(
        UserServiceGrpcClient.UpdateUser,
        UpdateUserRequest.newBuilder().setId(id).setUsername("").build(),
        GrpcStatus.INVALID_ARGUMENT,
        "username is required");
    assertStatus(
        UserServiceGrpcClient.UpdateUser,
        UpdateUserRequest.newBuilder().setId(id).setEmail("judy@example.com").build(),
        GrpcStatus.ALREADY_EXISTS,
        "belongs to another user");
    assertStatus(
        UserServiceGrpcClient.UpdateUser,
        UpdateUserRequest.newBuilder().setId(UUID.randomUUID().toString()).setBio("x").build(),
        GrpcStatus.NOT_FOUND,
        "not found");
  }

  @Test
  void a_new_password_given_with_the_current_one_replaces_it() {
    String id = register("kate");

    update(
        UpdateUserRequest.newBuilder()
            .setId(id)
            .setPassword("a-brand-new-secret")
            .setCurrentPassword("password-of-kate"));

    assertThat(logIn("kate", "a-brand-new-secret").getUserId()).isEqualTo(id);
    assertStatus(
        UserServiceGrpcClient.Login,
        login("kate", "password-of-kate"),
        GrpcStatus.UNAUTHENTICATED,
        "wrong");
  }

  @Test
  void a_new_password_without_the_current_one_is_refused_without_running_bcrypt() {
    String id = register("karl");
    int bcryptRuns = users.bcryptRuns();

    assertStatus(
        UserServiceGrpcClient.UpdateUser,
        UpdateUserRequest.newBuilder()
            .setId(id)
            .setPassword("a-brand-new-secret")
            .setBio("changed")
            .build(),
        GrpcStatus.PERMISSION_DENIED,
        "needs the current password");
    assertStatus(
        UserServiceGrpcClient.UpdateUser,
        UpdateUserRequest.newBuilder()
            .setId(id)
            .setPassword("a-brand-new-secret")
            .setCurrentPassword("")
            .build(),
        GrpcStatus.PERMISSION_DENIED,
        "needs the current password");

    assertThat(users.bcryptRuns()).isEqualTo(bcryptRuns);
    assertThat(logIn("karl", "password-of-karl").getUserId()).isEqualTo(id);
    assertStatus(
        UserServiceGrpcClient.Login,
        login("karl", "a-brand-new-secret"),
        GrpcStatus.UNAUTHENTICATED,
        "wrong");
    assertThat(
            client
                .getUser(GetUserRequest.newBuilder().setId(id).build())
                .await()
                .getUser()
                .getBio())
        .as("nothing of a refused update is applied")
        .isEqualTo("likes robots");
  }

  @Test
  void a_new_password_with_a_wrong_current_one_is_refused_and_changes_nothing() {
    String id = register("kim");

    assertStatus(
        UserServiceGrpcClient.UpdateUser,
        UpdateUserRequest.newBuilder()
            .setId(id)
            .setPassword("a-brand-new-secret")
            .setCurrentPassword("not-the-password")
            .setBio("changed")
            .build(),
        GrpcStatus.PERMISSION_DENIED,
        "the current password is wrong");

    assertThat(logIn("kim", "password-of-kim").getUserId()).isEqualTo(id);
    assertStatus(
        UserServiceGrpcClient.Login,
        login("kim", "a-brand-new-secret"),
        GrpcStatus.UNAUTHENTICATED,
        "wrong");
    assertThat(
            client
                .getUser(GetUserRequest.newBuilder().setId(id).build())
                .await()
                .getUser()
                .getBio())
        .isEqualTo("likes robots");
  }

  @Test
  void other_fields_change_without_any_password() {
    String id = register("kai");
    int bcryptRuns = users.bcryptRuns();

    User updated =
        update(
            UpdateUserRequest.newBuilder()
                .setId(id)
                .setUsername("kai2")
                .setCurrentPassword("ignored"));

    assertThat(updated.getUsername()).isEqualTo("kai2");
    assertThat(users.bcryptRuns()).isEqualTo(bcryptRuns);
    assertThat(logIn("kai2", "password-of-kai").getUserId()).isEqualTo(id);
  }

  @Test
  void disabling_and_enabling_decide_whether_a_user_may_shop() {
    String id = register("liam");
    AuthorizeUserRequest authorize = AuthorizeUserRequest.newBuilder().setId(id).build();
    client.authorizeUser(authorize).await();

    client.disableUser(DisableUserRequest.newBuilder().setId(id).build()).await();
    assertStatus(
        UserServiceGrpcClient.AuthorizeUser, authorize, GrpcStatus.FAILED_PRECONDITION, "disabled");
    assertStatus(
        UserServiceGrpcClient.DisableUser,
        DisableUserRequest.newBuilder().setId(id).build(),
        GrpcStatus.FAILED_PRECONDITION,
        "already disabled");

    client.enableUser(EnableUserRequest.newBuilder().setId(id).build()).await();
    client.authorizeUser(authorize).await();
    assertStatus(
        UserServiceGrpcClient.EnableUser,
        EnableUserRequest.newBuilder().setId(id).build(),
        GrpcStatus.FAILED_PRECONDITION,
        "already enabled");
    assertStatus(
        UserServiceGrpcClient.AuthorizeUser,
        AuthorizeUserRequest.newBuilder().setId(UUID.randomUUID().toString()).build(),
        GrpcStatus.NOT_FOUND,
        "not found");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(users.publishedAbout(id))
                    .extracting(Message::name)
                    .containsExactly(
                        "users.UserRegistered", "users.UserDisabled", "users.UserEnabled"));
  }

  private String register(String username) {
    return client.registerUser(registration(username).build()).await().getId();
  }

  private static RegisterUserRequest.Builder registration(String username) {
    return RegisterUserRequest.newBuilder()
        .setUsername(username)
        .setEmail(username + "@example.com")
        .setPassword("password-of-" + username)
        .setBio("likes robots");
  }

  private LoginResponse logIn(String username, String password) {
    return client.login(login(username, password)).await();
  }

  private static LoginRequest login(String username, String password) {
    return LoginRequest.newBuilder().setUsername(username).setPassword(password).build();
  }

  private static LoginVerifyRequest verification(String token) {
    return LoginVerifyRequest.newBuilder().setToken(token).build();
  }

  private User update(UpdateUserRequest.Builder request) {
    return client.updateUser(request.build()).await().getUser();
  }

  private <Req, Resp> void assertStatus(
      ServiceMethod<Resp, Req> method, Req request, GrpcStatus status, String messagePart) {
    RunningUsers.GrpcOutcome outcome = users.outcome(method, request);
    assertThat(outcome.status()).isEqualTo(status);
    assertThat(outcome.message()).contains(messagePart);
  }
}
