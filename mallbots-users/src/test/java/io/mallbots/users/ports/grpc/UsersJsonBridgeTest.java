package io.mallbots.users.ports.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.users.RunningUsers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * UserService as JSON over HTTP (the core's bridge), through a real WebClient: statuses and bodies.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsersJsonBridgeTest {

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
  void a_user_registers_logs_in_and_is_known_by_the_token() {
    String id = register("mia").bodyAsJsonObject().getString("id");

    JsonObject login =
        ok(
            users.post(
                "Login",
                new JsonObject().put("username", "mia").put("password", "password-of-mia")));
    JsonObject verified =
        ok(
            users.post(
                "LoginVerify", new JsonObject().put("token", login.getString("accessToken"))));
    JsonObject user =
        ok(users.post("GetUser", new JsonObject().put("id", id))).getJsonObject("user");

    assertThat(login.fieldNames())
        .contains(
            "accessToken",
            "refreshToken",
            "accessTokenExpiresAt",
            "refreshTokenExpiresAt",
            "userId");
    assertThat(verified.getString("userId")).isEqualTo(id);
    assertThat(user)
        .isEqualTo(
            new JsonObject()
                .put("id", id)
                .put("username", "mia")
                .put("email", "mia@example.com")
                .put("bio", "")
                .put("image", "")
                .put("enabled", true));
  }

  @Test
  void invalid_input_is_400_with_a_message_naming_the_field() {
    assertError(
        users.post("RegisterUser", registration("nora").put("email", "nora")),
        400,
        "INVALID_ARGUMENT",
        "email");
    assertError(
        users.post("RegisterUser", registration("nora").put("password", "short")),
        400,
        "INVALID_ARGUMENT",
        "password");
    assertError(
        users.post("GetUser", new JsonObject().put("id", "not-a-uuid")),
        400,
        "INVALID_ARGUMENT",
        "UUID");
    assertError(users.post("GetUser", "{\"id\": 42}"), 400, "INVALID_ARGUMENT", "id");
    assertError(
        users.post(
            "UpdateUser", "{\"id\": \"" + UUID.randomUUID() + "\", \"password\": null, \"x\": 1}"),
        400,
        "INVALID_ARGUMENT",
        "");
  }

  @Test
  void an_unknown_user_is_404() {
    assertError(
        users.post("GetUser", new JsonObject().put("id", UUID.randomUUID().toString())),
        404,
        "NOT_FOUND",
        "not found");
    assertError(
        users.post("EnableUser", new JsonObject().put("id", UUID.randomUUID().toString())),
        404,
        "NOT_FOUND",
        "not found");
  }

  @Test
  void a_taken_username_and_a_disabled_user_are_409() {
    String id = register("omar").bodyAsJsonObject().getString("id");
    assertError(register("omar"), 409, "ALREADY_EXISTS", "taken");

    ok(users.post("DisableUser", new JsonObject().put("id", id)));
    assertError(
        users.post("AuthorizeUser", new JsonObject().put("id", id)),
        409,
        "FAILED_PRECONDITION",
        "disabled");
  }

  @Test
  void bad_credentials_and_bad_tokens_are_401() {
    register("pia");

    assertError(
        users.post(
            "Login", new JsonObject().put("username", "pia").put("password", "wrong-password")),
        401,
        "UNAUTHENTICATED",
        "username or password is wrong");
    assertError(
        users.post("LoginVerify", new JsonObject().put("token", "eyJhbGciOiJub25lIn0.e30.")),
        401,
        "UNAUTHENTICATED",
        "token is not valid");
  }

  @Test
  void the_api_is_described_in_openapi() {
    JsonObject paths = users.get("/openapi.json").bodyAsJsonObject().getJsonObject("paths");

    assertThat(paths.fieldNames())
        .contains(
            "/v1/api/users/RegisterUser",
            "/v1/api/users/Login",
            "/v1/api/users/LoginVerify",
            "/v1/api/users/UpdateUser");
  }

  private HttpResponse<Buffer> register(String username) {
    return users.post("RegisterUser", registration(username));
  }

  private static JsonObject registration(String username) {
    return new JsonObject()
        .put("username", username)
        .put("email", username + "@example.com")
        .put("password", "password-of-" + username);
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static void assertError(
      HttpResponse<Buffer> response, int status, String code, String messagePart) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(code);
    assertThat(response.bodyAsJsonObject().getString("message")).contains(messagePart);
  }
}
