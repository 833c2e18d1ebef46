package io.mallbots.ordering.ports.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.ordering.testing.FakeResponders;
import io.mallbots.ordering.testing.RunningOrdering;
import io.mallbots.ordering.v1.OrderStatus;
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

/**
 * The same RPCs as JSON over HTTP (POST /v1/api/ordering/<Rpc>) through a real WebClient, errors
 * included.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderingJsonBridgeTest {

  private RunningOrdering service;

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningOrdering.start(vertx, "ordering_json", "memory");
    FakeResponders.on(service.observer());
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void an_order_is_created_approved_readied_and_completed_as_json() {
    String userId = UUID.randomUUID().toString();
    JsonObject request = order(userId, 2.5, 2);
    String id = ok("CreateOrder", request).getString("id");
    service.awaitStatus(id, OrderStatus.ORDER_STATUS_APPROVED);
    ok("ReadyOrder", new JsonObject().put("id", id));
    String invoice = UUID.randomUUID().toString();
    service.publish(RunningOrdering.invoicePaid(invoice, id, request.getString("paymentId"), 5.0));
    service.awaitStatus(id, OrderStatus.ORDER_STATUS_COMPLETED);
    ok("CompleteOrder", new JsonObject().put("id", id).put("invoiceId", invoice));

    JsonObject order = ok("GetOrder", new JsonObject().put("id", id)).getJsonObject("order");

    assertThat(order.getString("status")).isEqualTo("ORDER_STATUS_COMPLETED");
    assertThat(order.getString("userId")).isEqualTo(userId);
    assertThat(order.getString("invoiceId")).isEqualTo(invoice);
    assertThat(order.getDouble("total")).isEqualTo(5.0);
    JsonObject item = order.getJsonArray("items").getJsonObject(0);
    assertThat(item.getString("productName")).isEqualTo("Widget");
    assertThat(item.getString("storeName")).isEqualTo("Widgets");
    assertThat(item.getInteger("quantity")).isEqualTo(2);
  }

  @Test
  void bad_input_is_400_with_a_message_naming_the_field() {
    String user = UUID.randomUUID().toString();
    assertError(post("CreateOrder", "{}"), 400, "INVALID_ARGUMENT", "user_id is required");
    assertError(
        post("CreateOrder", order("alice", 1, 1).encode()),
        400,
        "INVALID_ARGUMENT",
        "user_id must be a UUID");
    assertError(
        post("CreateOrder", order(user, 1, 1).put("items", new JsonArray()).encode()),
        400,
        "INVALID_ARGUMENT",
        "at least one item");
    assertError(
        post("CreateOrder", order(user, 1, 0).encode()),
        400,
        "INVALID_ARGUMENT",
        "must be at least 1");
    assertError(
        post("CreateOrder", order(user, -1, 1).encode()),
        400,
        "INVALID_ARGUMENT",
        "must not be negative");
    assertError(
        post(
            "CreateOrder",
            order(user, 1, 1).encode().replace("\"price\":1.0", "\"price\":\"NaN\"")),
        400,
        "INVALID_ARGUMENT",
        "items[0].price must be a finite number");
    assertError(
        post("GetOrder", "{\"id\":\"'; DROP TABLE orders_view; --\"}"),
        400,
        "INVALID_ARGUMENT",
        "id must be a UUID");
    assertError(
        post("CompleteOrder", new JsonObject().put("id", UUID.randomUUID().toString()).encode()),
        400,
        "INVALID_ARGUMENT",
        "invoice_id is required");
    assertError(post("CancelOrder", "not json"), 400, "INVALID_ARGUMENT", "");
    assertError(
        post("CreateOrder", order(user, 1e12, 1).encode()),
        400,
        "INVALID_ARGUMENT",
        "items[0].price is too large");
    assertError(
        post("CreateOrder", order(user, 999_999_999_999.99, 3).encode()),
        400,
        "INVALID_ARGUMENT",
        "the order total would exceed 999999999999.99");
  }

  @Test
  void unknown_orders_are_404() {
    String nobody = UUID.randomUUID().toString();
    assertError(
        post("GetOrder", new JsonObject().put("id", nobody).encode()),
        404,
        "NOT_FOUND",
        "no order with id");
    assertError(
        post("ReadyOrder", new JsonObject().put("id", nobody).encode()),
        404,
        "NOT_FOUND",
        "no order with id");
  }

  @Test
  void a_transition_from_the_wrong_state_is_409_with_the_rule() {
    String id = ok("CreateOrder", order(UUID.randomUUID().toString(), 1, 1)).getString("id");
    service.awaitStatus(id, OrderStatus.ORDER_STATUS_APPROVED);

    assertError(
        post("CancelOrder", new JsonObject().put("id", id).encode()),
        409,
        "FAILED_PRECONDITION",
        "is approved; only a pending order can be canceled");
    assertError(
        post(
            "CompleteOrder",
            new JsonObject().put("id", id).put("invoiceId", UUID.randomUUID().toString()).encode()),
        409,
        "FAILED_PRECONDITION",
        "only a ready order can be completed");
    ok("ReadyOrder", new JsonObject().put("id", id));
    assertError(
        post(
            "CompleteOrder",
            new JsonObject().put("id", id).put("invoiceId", UUID.randomUUID().toString()).encode()),
        409,
        "FAILED_PRECONDITION",
        "has no paid invoice");
  }

  private static JsonObject order(String userId, double price, int quantity) {
    return new JsonObject()
        .put("userId", userId)
        .put("paymentId", UUID.randomUUID().toString())
        .put(
            "items",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("productId", UUID.randomUUID().toString())
                        .put("storeId", UUID.randomUUID().toString())
                        .put("productName", "Widget")
                        .put("storeName", "Widgets")
                        .put("price", price)
                        .put("quantity", quantity)));
  }

  private JsonObject ok(String rpc, JsonObject body) {
    HttpResponse<Buffer> response = post(rpc, body.encode());
    assertThat(response.statusCode()).as(rpc + ": " + response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private HttpResponse<Buffer> post(String rpc, String json) {
    return service.post(rpc, json);
  }

  private static void assertError(
      HttpResponse<Buffer> response, int status, String code, String message) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(code);
    assertThat(response.bodyAsJsonObject().getString("message")).contains(message);
  }
}
