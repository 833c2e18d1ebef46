package io.mallbots.notifications.ports.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.notifications.domain.NotificationKind;
import io.mallbots.notifications.testing.RunningNotifications;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The same RPCs as JSON over HTTP (POST /v1/api/notifications/<Rpc>) through a real WebClient. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationsJsonBridgeTest {

  private RunningNotifications service;

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningNotifications.start(vertx, "notifications_json", "memory");
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void each_rpc_records_its_notice_over_json() {
    String user = service.users().register("dora");
    String order = UUID.randomUUID().toString();
    JsonObject body = new JsonObject().put("orderId", order).put("userId", user);

    for (String rpc :
        new String[] {"NotifyOrderCreated", "NotifyOrderReady", "NotifyOrderCanceled"}) {
      HttpResponse<Buffer> response = service.post(rpc, body.encode());
      assertThat(response.statusCode()).as(rpc).isEqualTo(200);
      assertThat(response.bodyAsJsonObject()).as(rpc).isEqualTo(new JsonObject());
    }

    for (NotificationKind kind : NotificationKind.values()) {
      assertThat(service.recorded(order, kind))
          .as(kind.name())
          .get()
          .satisfies(n -> assertThat(n.recipient()).isEqualTo("dora@example.com"));
    }
  }

  @Test
  void the_same_notice_twice_is_200_and_recorded_once() {
    String body =
        new JsonObject()
            .put("orderId", UUID.randomUUID().toString())
            .put("userId", service.users().register("eve"))
            .encode();

    assertThat(service.post("NotifyOrderReady", body).statusCode()).isEqualTo(200);
    assertThat(service.post("NotifyOrderReady", body).statusCode()).isEqualTo(200);

    assertThat(
            service.number(
                "SELECT count(*) FROM notifications WHERE kind = 'READY' AND order_id = '"
                    + new JsonObject(body).getString("orderId")
                    + "'"))
        .isEqualTo(1);
  }

  @Test
  void missing_or_malformed_fields_are_400_naming_the_field() {
    assertError(
        service.post("NotifyOrderCreated", "{\"userId\": \"u-1\"}"), "order_id is required");
    assertError(service.post("NotifyOrderReady", "{\"orderId\": \"o-1\"}"), "user_id is required");
    assertError(
        service.post("NotifyOrderCanceled", "{\"orderId\": \"o-1\", \"userId\": \"   \"}"),
        "user_id is required");
    assertError(
        service.post(
            "NotifyOrderCanceled",
            new JsonObject().put("orderId", "o".repeat(200)).put("userId", "u-1").encode()),
        "order_id must be at most 128 characters");
    for (String body :
        new String[] {
          "{",
          "[]",
          "{\"orderId\": 5, \"userId\": \"u\"}",
          "{\"orderId\": {}}",
          "{\"customerId\": \"u\"}"
        }) {
      assertError(service.post("NotifyOrderCreated", body), "");
    }
  }

  @Test
  void users_not_answering_is_503_and_says_to_try_again() {
    service.users().silent(true);
    try {
      HttpResponse<Buffer> response =
          service.post(
              "NotifyOrderCreated",
              new JsonObject()
                  .put("orderId", UUID.randomUUID().toString())
                  .put("userId", UUID.randomUUID().toString())
                  .encode());

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("UNAVAILABLE");
      assertThat(response.bodyAsJsonObject().getString("message")).contains("try again");
    } finally {
      service.users().silent(false);
    }
  }

  @Test
  void a_users_notices_page_over_json() {
    String user = service.users().register("gus");
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    assertThat(
            service
                .post(
                    "NotifyOrderCreated",
                    new JsonObject().put("orderId", first).put("userId", user).encode())
                .statusCode())
        .isEqualTo(200);
    assertThat(
            service
                .post(
                    "NotifyOrderCreated",
                    new JsonObject().put("orderId", second).put("userId", user).encode())
                .statusCode())
        .isEqualTo(200);

    HttpResponse<Buffer> page =
        service.post(
            "GetNotifications", new JsonObject().put("userId", user).put("limit", 1).encode());
    assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
    JsonArray notices = page.bodyAsJsonObject().getJsonArray("notifications");
    assertThat(notices).hasSize(1);
    JsonObject newest = notices.getJsonObject(0);
    assertThat(newest.getString("orderId")).isEqualTo(second);
    assertThat(newest.getString("kind")).isEqualTo("NOTIFICATION_KIND_CREATED");
    assertThat(newest.getString("recipient")).isEqualTo("gus@example.com");
    assertThat(newest.getString("sentAt")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    String next = page.bodyAsJsonObject().getString("next");
    assertThat(next).isNotEmpty();

    HttpResponse<Buffer> last =
        service.post(
            "GetNotifications",
            new JsonObject().put("userId", user).put("limit", 1).put("next", next).encode());
    assertThat(
            last.bodyAsJsonObject()
                .getJsonArray("notifications")
                .getJsonObject(0)
                .getString("orderId"))
        .isEqualTo(first);
    assertThat(last.bodyAsJsonObject().getString("next", "")).isEmpty();
  }

  @Test
  void asking_for_notices_badly_is_400_naming_the_field() {
    assertError(service.post("GetNotifications", "{}"), "user_id is required");
    assertError(service.post("GetNotifications", "{\"userId\": \"u-1\", \"limit\": -5}"), "limit");
    assertError(
        service.post("GetNotifications", "{\"userId\": \"u-1\", \"next\": \"nope\"}"), "next");
  }

  private static void assertError(HttpResponse<Buffer> response, String message) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("INVALID_ARGUMENT");
    assertThat(response.bodyAsJsonObject().getString("message")).contains(message);
  }
}
