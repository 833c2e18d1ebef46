package io.mallbots.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.core.probe.v1.ProbeServiceGrpcService;
import io.mallbots.core.probe.v1.ProbeServiceService;
import io.mallbots.core.rpc.RpcEndpoint;
import io.mallbots.notifications.v1.NotificationsServiceGrpcService;
import io.mallbots.notifications.v1.NotificationsServiceService;
import io.mallbots.users.v1.UserServiceGrpcService;
import io.mallbots.users.v1.UserServiceService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document of the probe (signed in), users (some RPCs public) and notifications: bearer
 * tokens where the rule asks for one, and the proto comments, read from the descriptor sets the
 * build writes, as descriptions.
 */
class OpenApiDocumentTest {

  private static final List<RpcEndpoint> ENDPOINTS =
      List.of(
          RpcEndpoint.of(ProbeServiceGrpcService.SERVICE_DESCRIPTOR, new ProbeServiceService() {}),
          RpcEndpoint.of(UserServiceGrpcService.SERVICE_DESCRIPTOR, new UserServiceService() {}),
          RpcEndpoint.of(
              NotificationsServiceGrpcService.SERVICE_DESCRIPTOR,
              new NotificationsServiceService() {}));

  private final JsonObject document = OpenApiDocument.of("probe", "v1", ENDPOINTS);

  @Test
  void every_rpc_but_a_public_one_asks_for_a_bearer_token() {
    assertThat(
            document
                .getJsonObject("components")
                .getJsonObject("securitySchemes")
                .getJsonObject("bearerAuth"))
        .isEqualTo(
            new JsonObject()
                .put("type", "http")
                .put("scheme", "bearer")
                .put("bearerFormat", "JWT")
                .put("description", "An access token from users' Login (or a service token)."));
    JsonObject bearer = new JsonObject().put("bearerAuth", new JsonArray());

    assertThat(operation("Echo").getJsonArray("security")).containsExactly(bearer);
    assertThat(operation("GetUser").getJsonArray("security")).containsExactly(bearer);
    assertThat(operation("RegisterUser").containsKey("security")).as("public: no token").isFalse();
    assertThat(operation("Login").containsKey("security")).as("public: no token").isFalse();
  }

  @Test
  void the_proto_comments_describe_the_operations_schemas_and_fields() {
    assertThat(operation("Echo").getString("description"))
        .isEqualTo("Echoes the text back; fails with the domain error named in `fail_with`.");
    assertThat(operation("RegisterUser").getString("description"))
        .startsWith("Registers a new user. The user starts enabled.");
    assertThat(document.getJsonArray("tags"))
        .contains(
            new JsonObject()
                .put("name", "UserService")
                .put("description", "Registers users, logs them in, and answers who a user is."));
    JsonObject register =
        schema("mallbots_users_v1_RegisterUserRequest").getJsonObject("properties");
    assertThat(register.getJsonObject("username").getString("description"))
        .isEqualTo("Required; unique.");
    assertThat(register.getJsonObject("password").getString("description"))
        .isEqualTo(
            "Required. Stored only as a salted hash; servers enforce a minimum length\n(8 characters by default).");
    assertThat(
            schema("mallbots_notifications_v1_Notification")
                .getJsonObject("properties")
                .getJsonObject("kind")
                .getString("description"))
        .as("an enum field without a comment of its own: its enum's")
        .isEqualTo("What a notice told the user about their order.");
  }

  @Test
  void a_message_field_with_a_comment_keeps_its_reference_beside_the_description() {
    // OpenAPI 3.0 ignores what stands next to a $ref: such a field is an allOf of its one schema.
    assertThat(
            schema("mallbots_users_v1_UpdateUserResponse")
                .getJsonObject("properties")
                .getJsonObject("user"))
        .isEqualTo(
            new JsonObject()
                .put(
                    "allOf",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("$ref", "#/components/schemas/mallbots_users_v1_User")))
                .put("description", "The user after the update."));
    assertThat(
            schema("mallbots_users_v1_GetUserResponse")
                .getJsonObject("properties")
                .getJsonObject("user"))
        .as("no comment: the plain reference")
        .isEqualTo(new JsonObject().put("$ref", "#/components/schemas/mallbots_users_v1_User"));
    document
        .getJsonObject("components")
        .getJsonObject("schemas")
        .forEach(
            schema -> {
              JsonObject properties =
                  ((JsonObject) schema.getValue()).getJsonObject("properties", new JsonObject());
              properties.forEach(
                  p -> {
                    JsonObject property = (JsonObject) p.getValue();
                    if (property.containsKey("$ref")) {
                      assertThat(property.fieldNames())
                          .as(schema.getKey() + "." + p.getKey())
                          .containsExactly("$ref");
                    }
                  });
            });
  }

  @Test
  void without_the_descriptor_sets_the_document_simply_has_no_descriptions() {
    JsonObject bare = OpenApiDocument.of("probe", "v1", ENDPOINTS, ProtoComments.of(List.of()));

    assertThat(
            bare.getJsonObject("paths")
                .getJsonObject("/v1/api/probe/Echo")
                .getJsonObject("post")
                .containsKey("description"))
        .isFalse();
    assertThat(bare.encode()).doesNotContain("Echoes the text back");
    assertThat(
            bare.getJsonObject("paths")
                .getJsonObject("/v1/api/probe/Echo")
                .getJsonObject("post")
                .getJsonArray("security"))
        .hasSize(1);
  }

  private JsonObject operation(String rpc) {
    return document
        .getJsonObject("paths")
        .getJsonObject("/v1/api/probe/" + rpc)
        .getJsonObject("post");
  }

  private JsonObject schema(String name) {
    return document.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
  }
}
