package io.mallbots.payments.ports.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.payments.RunningPayments;
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

/** The same RPCs as JSON over HTTP (POST /v1/api/payments/<Rpc>) through a real WebClient. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentsJsonBridgeTest {

  private RunningPayments payments;

  @BeforeAll
  void start(Vertx vertx) {
    payments = RunningPayments.start(vertx, "payments_json", "memory");
  }

  @AfterAll
  void stop() {
    payments.close();
  }

  @Test
  void a_payment_is_authorized_confirmed_and_read_back_as_json() {
    String id =
        ok("AuthorizePayment", new JsonObject().put("userId", "user-7").put("amount", 20.5))
            .getString("id");
    ok("ConfirmPayment", new JsonObject().put("id", id).put("amount", 20.5));

    JsonObject payment = ok("GetPayment", new JsonObject().put("id", id)).getJsonObject("payment");
    assertThat(payment.getString("userId")).isEqualTo("user-7");
    assertThat(payment.getString("status")).isEqualTo("PAYMENT_STATUS_CONFIRMED");
    assertThat(payment.getDouble("confirmedAmount")).isEqualTo(20.5);
  }

  @Test
  void an_invoice_is_created_adjusted_paid_and_read_back_as_json() {
    String paymentId = payments.authorize(80);
    String orderId = UUID.randomUUID().toString();
    String id =
        ok(
                "CreateInvoice",
                new JsonObject()
                    .put("orderId", orderId)
                    .put("paymentId", paymentId)
                    .put("amount", 80))
            .getString("id");
    ok("AdjustInvoice", new JsonObject().put("id", id).put("amount", 75));
    ok("PayInvoice", new JsonObject().put("id", id));

    JsonObject invoice =
        ok("GetInvoice", new JsonObject().put("orderId", orderId)).getJsonObject("invoice");
    assertThat(invoice.getString("id")).isEqualTo(id);
    assertThat(invoice.getDouble("amount")).isEqualTo(75.0);
    assertThat(invoice.getString("status")).isEqualTo("INVOICE_STATUS_PAID");
  }

  @Test
  void a_pending_invoice_can_be_canceled_over_json() {
    String id =
        ok(
                "CreateInvoice",
                new JsonObject()
                    .put("orderId", UUID.randomUUID().toString())
                    .put("paymentId", payments.authorize(5))
                    .put("amount", 5))
            .getString("id");

    ok("CancelInvoice", new JsonObject().put("id", id));

    assertThat(
            ok("GetInvoice", new JsonObject().put("id", id))
                .getJsonObject("invoice")
                .getString("status"))
        .isEqualTo("INVOICE_STATUS_CANCELED");
  }

  @Test
  void bad_input_is_400_with_a_message() {
    for (String body :
        new String[] {
          "{\"amount\": 10}",
          "{\"userId\": \"u\", \"amount\": -3}",
          "{\"userId\": \"u\", \"amount\": \"NaN\"}",
          "{\"userId\": \"u\", \"amount\": \"Infinity\"}",
          "{\"userId\": \"u\", \"amount\": \"ten\"}",
          "{\"userId\": 5, \"amount\": 1}",
          "{"
        }) {
      assertError(payments.post("AuthorizePayment", body), 400, "INVALID_ARGUMENT");
    }
    assertError(
        post("GetPayment", new JsonObject().put("id", "not-a-uuid")), 400, "INVALID_ARGUMENT");
    assertError(
        post("PayInvoice", new JsonObject().put("id", "../../etc")), 400, "INVALID_ARGUMENT");
    assertError(post("GetInvoice", new JsonObject()), 400, "INVALID_ARGUMENT");
  }

  @Test
  void an_amount_too_large_to_store_is_400_naming_the_field() {
    HttpResponse<Buffer> response =
        post("AuthorizePayment", new JsonObject().put("userId", "user-1").put("amount", 1e12));

    assertError(response, 400, "INVALID_ARGUMENT");
    assertThat(response.bodyAsJsonObject().getString("message"))
        .contains("amount")
        .contains("too large");
  }

  @Test
  void unknown_things_are_404() {
    String unknown = UUID.randomUUID().toString();
    assertError(post("GetPayment", new JsonObject().put("id", unknown)), 404, "NOT_FOUND");
    assertError(
        post("ConfirmPayment", new JsonObject().put("id", unknown).put("amount", 1)),
        404,
        "NOT_FOUND");
    assertError(post("PayInvoice", new JsonObject().put("id", unknown)), 404, "NOT_FOUND");
    assertError(
        post(
            "CreateInvoice",
            new JsonObject().put("orderId", unknown).put("paymentId", unknown).put("amount", 1)),
        404,
        "NOT_FOUND");
  }

  @Test
  void state_conflicts_are_409() {
    String paymentId = payments.authorize(10);
    assertError(
        post("ConfirmPayment", new JsonObject().put("id", paymentId).put("amount", 11)),
        409,
        "FAILED_PRECONDITION");

    String orderId = UUID.randomUUID().toString();
    JsonObject invoice =
        new JsonObject().put("orderId", orderId).put("paymentId", paymentId).put("amount", 10);
    String id = ok("CreateInvoice", invoice).getString("id");
    assertError(post("CreateInvoice", invoice), 409, "ALREADY_EXISTS");

    ok("CancelInvoice", new JsonObject().put("id", id));
    assertError(post("PayInvoice", new JsonObject().put("id", id)), 409, "FAILED_PRECONDITION");
  }

  private JsonObject ok(String rpc, JsonObject body) {
    HttpResponse<Buffer> response = post(rpc, body);
    assertThat(response.statusCode()).as(rpc + " " + response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private HttpResponse<Buffer> post(String rpc, JsonObject body) {
    return payments.post(rpc, body.encode());
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(code);
    assertThat(response.bodyAsJsonObject().getString("message")).isNotBlank();
  }
}
