package io.mallbots.search.ports.grpc;

import static io.mallbots.search.testing.Events.created;
import static io.mallbots.search.testing.Events.item;
import static io.mallbots.search.testing.Events.userRegistered;
import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.search.testing.RunningSearch;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** SearchService as JSON over HTTP ({@code POST /v1/api/search/<Rpc>}) through a real WebClient. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchJsonBridgeTest {

  private RunningSearch service;
  private final String user = UUID.randomUUID().toString();
  private final String older = UUID.randomUUID().toString();
  private final String newer = UUID.randomUUID().toString();

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningSearch.start(vertx, "search_http", "memory");
    service.handled(
        userRegistered(user, "kim"),
        created(older, user, Instant.parse("2024-05-01T10:00:00Z"), item("store-1", "product-1")),
        created(
            newer, user, Instant.parse("2024-05-01T11:00:00.5Z"), item("store-2", "product-2")));
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void orders_are_served_as_json_page_by_page() {
    JsonObject first =
        ok("SearchOrders", "{\"filters\":{\"userId\":\"" + user + "\"},\"limit\":1}");
    JsonObject order = first.getJsonArray("orders").getJsonObject(0);

    assertThat(order.getString("orderId")).isEqualTo(newer);
    assertThat(order.getString("userName")).isEqualTo("kim");
    assertThat(order.getString("status")).isEqualTo("ORDER_STATUS_PENDING");
    assertThat(order.getString("createdAt")).isEqualTo("2024-05-01T11:00:00.500Z");
    assertThat(order.getDouble("total")).isEqualTo(2.5);
    assertThat(order.getJsonArray("items").getJsonObject(0).getString("storeName"))
        .isEqualTo("basket name of store-2");

    JsonObject second =
        ok(
            "SearchOrders",
            new JsonObject()
                .put("filters", new JsonObject().put("user_id", user))
                .put("limit", 1)
                .put("next", first.getString("next"))
                .encode());
    assertThat(second.getJsonArray("orders").getJsonObject(0).getString("orderId"))
        .isEqualTo(older);
    assertThat(second.getString("next", "")).isEmpty();
  }

  @Test
  void filters_in_json_apply() {
    JsonArray found =
        ok(
                "SearchOrders",
                "{\"filters\":{\"userId\":\""
                    + user
                    + "\",\"storeIds\":[\"store-1\"],"
                    + "\"before\":\"2024-05-01T11:00:00Z\",\"status\":\"ORDER_STATUS_PENDING\",\"minTotal\":1}}")
            .getJsonArray("orders");

    assertThat(found).hasSize(1);
    assertThat(found.getJsonObject(0).getString("orderId")).isEqualTo(older);
  }

  @Test
  void an_order_is_served_as_json() {
    assertThat(
            ok("GetOrder", "{\"id\":\"" + older + "\"}").getJsonObject("order").getString("userId"))
        .isEqualTo(user);
  }

  @Test
  void a_bad_cursor_answers_400_saying_so() {
    assertThat(error(400, "SearchOrders", "{\"next\":\"garbage\"}").getString("message"))
        .startsWith("next is not a cursor");
  }

  @Test
  void a_bad_time_range_answers_400_naming_the_fields() {
    assertThat(
            error(
                    400,
                    "SearchOrders",
                    "{\"filters\":{\"after\":\"2024-05-02T00:00:00Z\","
                        + "\"before\":\"2024-05-01T00:00:00Z\"}}")
                .getString("message"))
        .isEqualTo("filters.before must be after filters.after");
  }

  @Test
  void bad_totals_answer_400_naming_the_field() {
    assertThat(error(400, "SearchOrders", "{\"filters\":{\"minTotal\":-1}}").getString("message"))
        .contains("filters.min_total must not be negative");
    assertThat(
            error(400, "SearchOrders", "{\"filters\":{\"maxTotal\":\"NaN\"}}").getString("message"))
        .contains("filters.max_total must be a finite number");
  }

  @Test
  void an_unknown_order_answers_404_and_a_missing_id_400() {
    String unknown = UUID.randomUUID().toString();

    assertThat(error(404, "GetOrder", "{\"id\":\"" + unknown + "\"}").getString("message"))
        .contains(unknown);
    assertThat(error(404, "GetOrder", "{\"id\":\"order 1\"}").getString("code"))
        .isEqualTo(GrpcStatus.NOT_FOUND.name());
    assertThat(error(400, "GetOrder", "{}").getString("message")).isEqualTo("id is required");
  }

  @Test
  void malformed_json_answers_400_never_500() {
    for (String body :
        new String[] {
          "{",
          "[]",
          "{\"limit\":\"ten\"}",
          "{\"filters\":{\"after\":\"yesterday\"}}",
          "{\"filters\":{\"status\":\"SHIPPED\"}}"
        }) {
      assertThat(error(400, "SearchOrders", body).getString("code"))
          .as(body)
          .isEqualTo(GrpcStatus.INVALID_ARGUMENT.name());
    }
  }

  private JsonObject ok(String rpc, String body) {
    HttpResponse<Buffer> response = service.post(rpc, body);
    assertThat(response.statusCode()).as(rpc + " " + response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private JsonObject error(int status, String rpc, String body) {
    HttpResponse<Buffer> response = service.post(rpc, body);
    assertThat(response.statusCode())
        .as(rpc + " " + body + " -> " + response.bodyAsString())
        .isEqualTo(status);
    return response.bodyAsJsonObject();
  }
}
