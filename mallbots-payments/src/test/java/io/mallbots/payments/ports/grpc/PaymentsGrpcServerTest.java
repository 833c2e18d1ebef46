package io.mallbots.payments.ports.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.payments.RunningPayments;
import io.mallbots.payments.v1.AdjustInvoiceRequest;
import io.mallbots.payments.v1.AuthorizePaymentRequest;
import io.mallbots.payments.v1.CancelInvoiceRequest;
import io.mallbots.payments.v1.ConfirmPaymentRequest;
import io.mallbots.payments.v1.CreateInvoiceRequest;
import io.mallbots.payments.v1.GetInvoiceRequest;
import io.mallbots.payments.v1.GetPaymentRequest;
import io.mallbots.payments.v1.Invoice;
import io.mallbots.payments.v1.InvoiceStatus;
import io.mallbots.payments.v1.PayInvoiceRequest;
import io.mallbots.payments.v1.Payment;
import io.mallbots.payments.v1.PaymentStatus;
import io.mallbots.payments.v1.PaymentsServiceGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every PaymentsService RPC through a real vertx-grpc client: the happy path and each error class.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentsGrpcServerTest {

  private static final String NO_SUCH_ID = UUID.randomUUID().toString();
  private RunningPayments payments;
  private PaymentsServiceGrpcClient client;

  @BeforeAll
  void start(Vertx vertx) {
    payments = RunningPayments.start(vertx, "payments_grpc", "memory");
    client = payments.grpc();
  }

  @AfterAll
  void stop() {
    payments.close();
  }

  @Test
  void an_authorized_payment_is_kept_rounded_to_cents() {
    String id = payments.authorize(12.345);

    Payment payment = getPayment(id);
    assertThat(payment.getUserId()).isEqualTo("user-1");
    assertThat(payment.getAmount()).isEqualTo(12.34);
    assertThat(payment.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
    assertThat(payment.getOrderId()).isEmpty();
  }

  @Test
  void authorizing_needs_a_user_and_a_positive_finite_amount() {
    for (var request :
        new AuthorizePaymentRequest[] {
          AuthorizePaymentRequest.newBuilder().setAmount(10).build(),
          AuthorizePaymentRequest.newBuilder().setUserId("user-1").build(),
          AuthorizePaymentRequest.newBuilder().setUserId("user-1").setAmount(-1).build(),
          AuthorizePaymentRequest.newBuilder().setUserId("user-1").setAmount(Double.NaN).build(),
          AuthorizePaymentRequest.newBuilder()
              .setUserId("user-1")
              .setAmount(Double.POSITIVE_INFINITY)
              .build()
        }) {
      assertStatus(() -> client.authorizePayment(request), GrpcStatus.INVALID_ARGUMENT);
    }
  }

  @Test
  void a_confirmed_payment_shows_what_was_charged() {
    String id = payments.authorize(30);

    client
        .confirmPayment(ConfirmPaymentRequest.newBuilder().setId(id).setAmount(30).build())
        .await();

    Payment payment = getPayment(id);
    assertThat(payment.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_CONFIRMED);
    assertThat(payment.getConfirmedAmount()).isEqualTo(30.0);
  }

  @Test
  void confirming_another_amount_than_authorized_or_twice_is_a_failed_precondition() {
    String id = payments.authorize(30);
    assertStatus(() -> client.confirmPayment(confirm(id, 30.01)), GrpcStatus.FAILED_PRECONDITION);
    assertStatus(() -> client.confirmPayment(confirm(id, 29.99)), GrpcStatus.FAILED_PRECONDITION);
    assertThat(getPayment(id).getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_AUTHORIZED);

    client.confirmPayment(confirm(id, 30)).await();
    assertStatus(() -> client.confirmPayment(confirm(id, 30)), GrpcStatus.FAILED_PRECONDITION);
  }

  @Test
  void confirming_needs_a_known_well_formed_id_and_a_positive_finite_amount() {
    String id = payments.authorize(30);
    assertStatus(() -> client.confirmPayment(confirm(NO_SUCH_ID, 1)), GrpcStatus.NOT_FOUND);
    assertStatus(
        () -> client.confirmPayment(confirm("not-a-uuid", 1)), GrpcStatus.INVALID_ARGUMENT);
    assertStatus(() -> client.confirmPayment(confirm("", 1)), GrpcStatus.INVALID_ARGUMENT);
    assertStatus(() -> client.confirmPayment(confirm(id, 0)), GrpcStatus.INVALID_ARGUMENT);
    assertStatus(() -> client.confirmPayment(confirm(id, Double.NaN)), GrpcStatus.INVALID_ARGUMENT);
  }

  @Test
  void every_amount_beyond_numeric_14_2_is_an_invalid_argument_at_the_request() {
    String paymentId = payments.authorize(50);
    String invoiceId = createInvoice(UUID.randomUUID().toString(), paymentId, 40);
    for (double tooLarge : new double[] {1e12, -1e12, 999_999_999_999.996, 1e300}) {
      assertStatus(
          () ->
              client.authorizePayment(
                  AuthorizePaymentRequest.newBuilder()
                      .setUserId("user-1")
                      .setAmount(tooLarge)
                      .build()),
          GrpcStatus.INVALID_ARGUMENT);
      assertStatus(
          () -> client.confirmPayment(confirm(paymentId, tooLarge)), GrpcStatus.INVALID_ARGUMENT);
      assertStatus(
          () -> client.createInvoice(invoice(UUID.randomUUID().toString(), paymentId, tooLarge)),
          GrpcStatus.INVALID_ARGUMENT);
      assertStatus(
          () ->
              client.adjustInvoice(
                  AdjustInvoiceRequest.newBuilder().setId(invoiceId).setAmount(tooLarge).build()),
          GrpcStatus.INVALID_ARGUMENT);
    }
    assertThat(getPayment(paymentId).getStatus())
        .isEqualTo(PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
    assertThat(getInvoice(GetInvoiceRequest.newBuilder().setId(invoiceId).build()).getAmount())
        .isEqualTo(40.0);
    // The largest amount that fits is taken.
    assertThat(getPayment(payments.authorize(999_999_999_999.99)).getAmount())
        .isEqualTo(999_999_999_999.99);
  }

  @Test
  void getting_a_payment_needs_a_known_well_formed_id() {
    assertStatus(
        () -> client.getPayment(GetPaymentRequest.newBuilder().setId(NO_SUCH_ID).build()),
        GrpcStatus.NOT_FOUND);
    assertStatus(
        () -> client.getPayment(GetPaymentRequest.newBuilder().setId("42").build()),
        GrpcStatus.INVALID_ARGUMENT);
    assertStatus(
        () -> client.getPayment(GetPaymentRequest.getDefaultInstance()),
        GrpcStatus.INVALID_ARGUMENT);
  }

  @Test
  void an_invoice_is_found_by_its_id_and_by_its_order() {
    String paymentId = payments.authorize(50);
    String orderId = UUID.randomUUID().toString();

    String id = createInvoice(orderId, paymentId, 49.999);

    Invoice byId = getInvoice(GetInvoiceRequest.newBuilder().setId(id).build());
    assertThat(byId.getOrderId()).isEqualTo(orderId);
    assertThat(byId.getPaymentId()).isEqualTo(paymentId);
    assertThat(byId.getAmount()).isEqualTo(50.0);
    assertThat(byId.getStatus()).isEqualTo(InvoiceStatus.INVOICE_STATUS_PENDING);
    assertThat(getInvoice(GetInvoiceRequest.newBuilder().setOrderId(orderId).build()))
        .isEqualTo(byId);
  }

  @Test
  void an_order_gets_one_invoice_only() {
    String paymentId = payments.authorize(50);
    String orderId = UUID.randomUUID().toString();
    createInvoice(orderId, paymentId, 10);

    assertStatus(
        () -> client.createInvoice(invoice(orderId, paymentId, 10)), GrpcStatus.ALREADY_EXISTS);
  }

  @Test
  void creating_an_invoice_needs_an_order_a_known_payment_and_a_non_negative_amount() {
    String paymentId = payments.authorize(50);
    String orderId = UUID.randomUUID().toString();
    assertStatus(
        () -> client.createInvoice(invoice("", paymentId, 1)), GrpcStatus.INVALID_ARGUMENT);
    assertStatus(
        () -> client.createInvoice(invoice("order-x", paymentId, 1)), GrpcStatus.INVALID_ARGUMENT);
    assertStatus(() -> client.createInvoice(invoice(orderId, "", 1)), GrpcStatus.INVALID_ARGUMENT);
    assertStatus(
        () -> client.createInvoice(invoice(orderId, "nope", 1)), GrpcStatus.INVALID_ARGUMENT);
    assertStatus(
        () -> client.createInvoice(invoice(orderId, paymentId, -1)), GrpcStatus.INVALID_ARGUMENT);
    assertStatus(
        () -> client.createInvoice(invoice(orderId, paymentId, Double.NaN)),
        GrpcStatus.INVALID_ARGUMENT);
    assertStatus(() -> client.createInvoice(invoice(orderId, NO_SUCH_ID, 1)), GrpcStatus.NOT_FOUND);
  }

  @Test
  void a_pending_invoice_is_adjusted_then_paid_and_then_stays_paid() {
    String id = createInvoice(UUID.randomUUID().toString(), payments.authorize(50), 40);

    client
        .adjustInvoice(AdjustInvoiceRequest.newBuilder().setId(id).setAmount(35.5).build())
        .await();
    client.payInvoice(PayInvoiceRequest.newBuilder().setId(id).build()).await();

    Invoice paid = getInvoice(GetInvoiceRequest.newBuilder().setId(id).build());
    assertThat(paid.getAmount()).isEqualTo(35.5);
    assertThat(paid.getStatus()).isEqualTo(InvoiceStatus.INVOICE_STATUS_PAID);
    assertStatus(
        () -> client.payInvoice(PayInvoiceRequest.newBuilder().setId(id).build()),
        GrpcStatus.FAILED_PRECONDITION);
    assertStatus(
        () -> client.cancelInvoice(CancelInvoiceRequest.newBuilder().setId(id).build()),
        GrpcStatus.FAILED_PRECONDITION);
    assertStatus(
        () ->
            client.adjustInvoice(AdjustInvoiceRequest.newBuilder().setId(id).setAmount(1).build()),
        GrpcStatus.FAILED_PRECONDITION);
  }

  @Test
  void a_canceled_invoice_cannot_be_paid() {
    String id = createInvoice(UUID.randomUUID().toString(), payments.authorize(50), 40);

    client.cancelInvoice(CancelInvoiceRequest.newBuilder().setId(id).build()).await();

    assertThat(getInvoice(GetInvoiceRequest.newBuilder().setId(id).build()).getStatus())
        .isEqualTo(InvoiceStatus.INVOICE_STATUS_CANCELED);
    assertStatus(
        () -> client.payInvoice(PayInvoiceRequest.newBuilder().setId(id).build()),
        GrpcStatus.FAILED_PRECONDITION);
  }

  @Test
  void invoice_rpcs_need_a_known_well_formed_id_and_valid_amounts() {
    String id = createInvoice(UUID.randomUUID().toString(), payments.authorize(50), 40);
    assertStatus(
        () -> client.payInvoice(PayInvoiceRequest.newBuilder().setId(NO_SUCH_ID).build()),
        GrpcStatus.NOT_FOUND);
    assertStatus(
        () -> client.cancelInvoice(CancelInvoiceRequest.newBuilder().setId(NO_SUCH_ID).build()),
        GrpcStatus.NOT_FOUND);
    assertStatus(
        () ->
            client.adjustInvoice(
                AdjustInvoiceRequest.newBuilder().setId(NO_SUCH_ID).setAmount(1).build()),
        GrpcStatus.NOT_FOUND);
    assertStatus(
        () -> client.payInvoice(PayInvoiceRequest.newBuilder().setId("bogus").build()),
        GrpcStatus.INVALID_ARGUMENT);
    assertStatus(
        () -> client.cancelInvoice(CancelInvoiceRequest.getDefaultInstance()),
        GrpcStatus.INVALID_ARGUMENT);
    assertStatus(
        () ->
            client.adjustInvoice(
                AdjustInvoiceRequest.newBuilder().setId(id).setAmount(-0.5).build()),
        GrpcStatus.INVALID_ARGUMENT);
    assertStatus(
        () ->
            client.adjustInvoice(
                AdjustInvoiceRequest.newBuilder().setId(id).setAmount(Double.NaN).build()),
        GrpcStatus.INVALID_ARGUMENT);
  }

  @Test
  void getting_an_invoice_needs_an_id_or_an_order_that_has_one() {
    assertStatus(
        () -> client.getInvoice(GetInvoiceRequest.getDefaultInstance()),
        GrpcStatus.INVALID_ARGUMENT);
    assertStatus(
        () -> client.getInvoice(GetInvoiceRequest.newBuilder().setId("x").build()),
        GrpcStatus.INVALID_ARGUMENT);
    assertStatus(
        () -> client.getInvoice(GetInvoiceRequest.newBuilder().setId(NO_SUCH_ID).build()),
        GrpcStatus.NOT_FOUND);
    assertStatus(
        () -> client.getInvoice(GetInvoiceRequest.newBuilder().setOrderId("order-x").build()),
        GrpcStatus.INVALID_ARGUMENT);
    assertStatus(
        () -> client.getInvoice(GetInvoiceRequest.newBuilder().setOrderId(NO_SUCH_ID).build()),
        GrpcStatus.NOT_FOUND);
  }

  private Payment getPayment(String id) {
    return client.getPayment(GetPaymentRequest.newBuilder().setId(id).build()).await().getPayment();
  }

  private Invoice getInvoice(GetInvoiceRequest request) {
    return client.getInvoice(request).await().getInvoice();
  }

  private String createInvoice(String orderId, String paymentId, double amount) {
    return client.createInvoice(invoice(orderId, paymentId, amount)).await().getId();
  }

  private static ConfirmPaymentRequest confirm(String id, double amount) {
    return ConfirmPaymentRequest.newBuilder().setId(id).setAmount(amount).build();
  }

  private static CreateInvoiceRequest invoice(String orderId, String paymentId, double amount) {
    return CreateInvoiceRequest.newBuilder()
        .setOrderId(orderId)
        .setPaymentId(paymentId)
        .setAmount(amount)
        .build();
  }

  private static void assertStatus(Supplier<Future<?>> call, GrpcStatus expected) {
    assertThatThrownBy(() -> call.get().await())
        .isInstanceOfSatisfying(
            InvalidStatusException.class, e -> assertThat(e.actualStatus()).isEqualTo(expected));
  }
}
