package io.mallbots.baskets.ports.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.baskets.testing.RunningBaskets;
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
 * The same RPCs as JSON over HTTP (POST /v1/api/baskets/<Rpc>) through a real WebClient, errors
 * included.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BasketsJsonBridgeTest {

  private RunningBaskets service;
  private String widget;

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningBaskets.start(vertx, "baskets_json", "memory");
    widget = service.stores().product(service.stores().store("Widgets"), "Widget", 2.5);
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void a_basket_is_started_filled_checked_out_and_read_as_json() {
    String userId = UUID.randomUUID().toString();
    String paymentId = UUID.randomUUID().toString();
    String id = ok("StartBasket", new JsonObject().put("userId", userId)).getString("id");
    ok("AddItem", new JsonObject().put("id", id).put("productId", widget).put("quantity", 2));
    ok("CheckoutBasket", new JsonObject().put("id", id).put("paymentId", paymentId));

    JsonObject basket = ok("GetBasket", new JsonObject().put("id", id)).getJsonObject("basket");

    assertThat(basket.getString("status")).isEqualTo("BASKET_STATUS_CHECKED_OUT");
    assertThat(basket.getString("paymentId")).isEqualTo(paymentId);
    JsonObject item = basket.getJsonArray("items").getJsonObject(0);
    assertThat(item.getString("productName")).isEqualTo("Widget");
    assertThat(item.getString("storeName")).isEqualTo("Widgets");
    assertThat(item.getDouble("productPrice")).isEqualTo(2.5);
    assertThat(item.getInteger("quantity")).isEqualTo(2);
  }

  @Test
  void bad_input_is_400_with_a_message_naming_the_field() {
    assertError(post("StartBasket", "{}"), 400, "INVALID_ARGUMENT", "user_id is required");
    assertError(
        post("StartBasket", "{\"userId\":\"alice\"}"),
        400,
        "INVALID_ARGUMENT",
        "user_id must be a UUID");
    assertError(
        post("GetBasket", "{\"id\":\"'; DROP TABLE baskets; --\"}"),
        400,
        "INVALID_ARGUMENT",
        "id must be a UUID");
    String id = started();
    assertError(
        post(
            "AddItem",
            new JsonObject().put("id", id).put("productId", widget).put("quantity", 0).encode()),
        400,
        "INVALID_ARGUMENT",
        "quantity must be at least 1");
    assertError(
        post(
            "AddItem",
            "{\"id\":\"" + id + "\",\"productId\":\"" + widget + "\",\"quantity\":\"many\"}"),
        400,
        "INVALID_ARGUMENT",
        "");
    assertError(
        post(
            "AddItem",
            "{\"id\":\"" + id + "\",\"productId\":\"" + widget + "\",\"quantity\":1e12}"),
        400,
        "INVALID_ARGUMENT",
        "");
    assertError(
        post("CheckoutBasket", new JsonObject().put("id", id).encode()),
        400,
        "INVALID_ARGUMENT",
        "payment_id is required");
    assertError(post("AddItem", "not json"), 400, "INVALID_ARGUMENT", "");
  }

  @Test
  void unknown_things_are_404() {
    String nobody = UUID.randomUUID().toString();
    assertError(
        post("GetBasket", new JsonObject().put("id", nobody).encode()),
        404,
        "NOT_FOUND",
        "no basket");
    String id = started();
    assertError(
        post(
            "AddItem",
            new JsonObject().put("id", id).put("productId", nobody).put("quantity", 1).encode()),
        404,
        "NOT_FOUND",
        "no product");
    assertError(
        post(
            "RemoveItem",
            new JsonObject().put("id", id).put("productId", widget).put("quantity", 1).encode()),
        404,
        "NOT_FOUND",
        "not in basket");
  }

  @Test
  void changes_to_an_empty_or_ended_basket_are_409() {
    String id = started();
    String paymentId = UUID.randomUUID().toString();
    assertError(
        post("CheckoutBasket", new JsonObject().put("id", id).put("paymentId", paymentId).encode()),
        409,
        "FAILED_PRECONDITION",
        "empty");

    ok("CancelBasket", new JsonObject().put("id", id));

    assertError(
        post(
            "AddItem",
            new JsonObject().put("id", id).put("productId", widget).put("quantity", 1).encode()),
        409,
        "FAILED_PRECONDITION",
        "canceled");
    assertError(
        post("CancelBasket", new JsonObject().put("id", id).encode()),
        409,
        "FAILED_PRECONDITION",
        "accepts no more changes");
  }

  @Test
  void stores_not_answering_is_503() {
    String id = started();
    String unseen = service.stores().product(service.stores().store("Gadgets"), "Gadget", 1);
    service.stores().silent(true);
    try {
      assertError(
          post(
              "AddItem",
              new JsonObject().put("id", id).put("productId", unseen).put("quantity", 1).encode()),
          503,
          "UNAVAILABLE",
          "try again");
    } finally {
      service.stores().silent(false);
    }
  }

  private String started() {
    return ok("StartBasket", new JsonObject().put("userId", UUID.randomUUID().toString()))
        .getString("id");
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
