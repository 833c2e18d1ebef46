package io.mallbots.stores.ports.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.stores.testing.RunningStores;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** StoresService as JSON over HTTP ({@code POST /v1/api/stores/<Rpc>}) through a real WebClient. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoresJsonBridgeTest {

  private RunningStores service;

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningStores.start(vertx, "stores_http", "memory");
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void a_store_and_its_catalog_are_served_as_json() {
    String storeId =
        ok("CreateStore", "{\"name\":\"Widgets\",\"location\":\"Upper floor\"}").getString("id");
    String productId =
        ok(
                "AddProduct",
                new JsonObject()
                    .put("storeId", storeId)
                    .put("name", "Widget")
                    .put("sku", "W-1")
                    .put("price", 19.999)
                    .encode())
            .getString("id");

    assertThat(ok("GetStore", "{\"id\":\"" + storeId + "\"}").getJsonObject("store"))
        .isEqualTo(
            new JsonObject()
                .put("id", storeId)
                .put("name", "Widgets")
                .put("location", "Upper floor")
                .put("participating", false)
                .put("ownerId", ""));
    JsonObject product =
        ok("GetCatalog", "{\"store_id\":\"" + storeId + "\"}")
            .getJsonArray("products")
            .getJsonObject(0);
    assertThat(product.getString("id")).isEqualTo(productId);
    assertThat(product.getDouble("price")).isEqualTo(20.00);
  }

  @Test
  void an_increase_answers_200_and_an_increase_to_the_same_price_answers_409() {
    String storeId =
        ok("CreateStore", "{\"name\":\"Widgets\",\"location\":\"Upper floor\"}").getString("id");
    String productId =
        ok(
                "AddProduct",
                new JsonObject()
                    .put("storeId", storeId)
                    .put("name", "Widget")
                    .put("sku", "W-1")
                    .put("price", 10)
                    .encode())
            .getString("id");

    ok("IncreaseProductPrice", "{\"id\":\"" + productId + "\",\"price\":11}");
    JsonObject refused =
        error(409, "IncreaseProductPrice", "{\"id\":\"" + productId + "\",\"price\":11}");

    assertThat(refused.getString("code")).isEqualTo(GrpcStatus.FAILED_PRECONDITION.name());
    assertThat(refused.getString("message")).contains("must raise the price above 11.00");
  }

  @Test
  void invalid_requests_answer_400_with_a_message_naming_the_field() {
    assertThat(error(400, "CreateStore", "{\"location\":\"Upper floor\"}").getString("message"))
        .isEqualTo("name is required");
    assertThat(error(400, "GetStore", "{\"id\":\"store-1\"}").getString("message"))
        .contains("id must be a UUID");
    assertThat(
            error(
                    400,
                    "AddProduct",
                    "{\"storeId\":\""
                        + UUID.randomUUID()
                        + "\",\"name\":\"W\",\"sku\":\"W\","
                        + "\"price\":\"NaN\"}")
                .getString("message"))
        .contains("price must be a finite number");
    assertThat(
            error(
                    400,
                    "AddProduct",
                    "{\"storeId\":\""
                        + UUID.randomUUID()
                        + "\",\"name\":\"W\",\"sku\":\"W\","
                        + "\"price\":-5}")
                .getString("message"))
        .contains("price must be greater than 0");
  }

  @Test
  void malformed_json_answers_400_never_500() {
    for (String body : new String[] {"{", "[]", "{\"price\":\"ten\"}", "{\"id\":42}"}) {
      JsonObject refused = error(400, "IncreaseProductPrice", body);
      assertThat(refused.getString("code")).as(body).isEqualTo(GrpcStatus.INVALID_ARGUMENT.name());
    }
  }

  @Test
  void unknown_things_answer_404() {
    String unknown = UUID.randomUUID().toString();

    assertThat(error(404, "GetProduct", "{\"id\":\"" + unknown + "\"}").getString("message"))
        .contains(unknown);
    assertThat(error(404, "GetCatalog", "{\"storeId\":\"" + unknown + "\"}").getString("code"))
        .isEqualTo(GrpcStatus.NOT_FOUND.name());
    assertThat(
            error(
                    404,
                    "AddProduct",
                    "{\"storeId\":\"" + unknown + "\",\"name\":\"W\",\"sku\":\"W\",\"price\":1}")
                .getString("message"))
        .contains("no store");
  }

  @Test
  void the_openapi_document_lists_every_rpc() {
    JsonObject paths = service.get("/openapi.json").bodyAsJsonObject().getJsonObject("paths");

    assertThat(paths.fieldNames())
        .containsExactlyInAnyOrder(
            "/v1/api/stores/CreateStore",
            "/v1/api/stores/EnableParticipation",
            "/v1/api/stores/DisableParticipation",
            "/v1/api/stores/RebrandStore",
            "/v1/api/stores/GetStore",
            "/v1/api/stores/GetStores",
            "/v1/api/stores/GetParticipatingStores",
            "/v1/api/stores/AddProduct",
            "/v1/api/stores/RebrandProduct",
            "/v1/api/stores/IncreaseProductPrice",
            "/v1/api/stores/DecreaseProductPrice",
            "/v1/api/stores/RemoveProduct",
            "/v1/api/stores/GetProduct",
            "/v1/api/stores/GetCatalog");
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
