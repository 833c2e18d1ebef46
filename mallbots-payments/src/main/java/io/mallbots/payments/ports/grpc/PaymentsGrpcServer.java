package io.mallbots.payments.ports.grpc;

import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.Uuids;
import io.mallbots.core.rpc.RpcCaller;
import io.mallbots.payments.application.PaymentsApplication;
import io.mallbots.payments.application.commands.AdjustInvoice;
import io.mallbots.payments.application.commands.AuthorizePayment;
import io.mallbots.payments.application.commands.CancelInvoice;
import io.mallbots.payments.application.commands.ConfirmPayment;
import io.mallbots.payments.application.commands.CreateInvoice;
import io.mallbots.payments.application.commands.PayInvoice;
import io.mallbots.payments.application.queries.GetInvoice;
import io.mallbots.payments.application.queries.GetOrderInvoice;
import io.mallbots.payments.application.queries.GetPayment;
import io.mallbots.payments.domain.invoice.InvoiceId;
import io.mallbots.payments.domain.payment.PaymentId;
import io.mallbots.payments.ports.PaymentsWire;
import io.mallbots.payments.v1.AdjustInvoiceRequest;
import io.mallbots.payments.v1.AdjustInvoiceResponse;
import io.mallbots.payments.v1.AuthorizePaymentRequest;
import io.mallbots.payments.v1.AuthorizePaymentResponse;
import io.mallbots.payments.v1.CancelInvoiceRequest;
import io.mallbots.payments.v1.CancelInvoiceResponse;
import io.mallbots.payments.v1.ConfirmPaymentRequest;
import io.mallbots.payments.v1.ConfirmPaymentResponse;
import io.mallbots.payments.v1.CreateInvoiceRequest;
import io.mallbots.payments.v1.CreateInvoiceResponse;
import io.mallbots.payments.v1.GetInvoiceRequest;
import io.mallbots.payments.v1.GetInvoiceResponse;
import io.mallbots.payments.v1.GetPaymentRequest;
import io.mallbots.payments.v1.GetPaymentResponse;
import io.mallbots.payments.v1.PayInvoiceRequest;
import io.mallbots.payments.v1.PayInvoiceResponse;
import io.mallbots.payments.v1.PaymentsServiceService;
import io.vertx.core.Future;

/**
 * PaymentsService over gRPC and the JSON bridge: wire values become command records (ids must be
 * UUIDs, amounts finite and rounded to cents), results become proto messages. Domain rejections
 * pass through; the core maps them to statuses. Called on the service verticle's event loop.
 */
public final class PaymentsGrpcServer extends PaymentsServiceService {

  private final PaymentsApplication app;

  public PaymentsGrpcServer(PaymentsApplication app) {
    this.app = app;
  }

  @Override
  public Future<AuthorizePaymentResponse> authorizePayment(AuthorizePaymentRequest request) {
    Actor actor = RpcCaller.actor();
    return app.authorizePayment(
            new AuthorizePayment(request.getUserId(), amount(request.getAmount()), actor))
        .map(id -> AuthorizePaymentResponse.newBuilder().setId(id.toString()).build());
  }

  @Override
  public Future<ConfirmPaymentResponse> confirmPayment(ConfirmPaymentRequest request) {
    return app.confirmPayment(
            ConfirmPayment.byService(paymentId(request.getId(), "id"), amount(request.getAmount())))
        .map(ConfirmPaymentResponse.getDefaultInstance());
  }

  @Override
  public Future<CreateInvoiceResponse> createInvoice(CreateInvoiceRequest request) {
    return app.createInvoice(
            new CreateInvoice(
                orderId(request.getOrderId()),
                paymentId(request.getPaymentId(), "payment_id"),
                amount(request.getAmount())))
        .map(id -> CreateInvoiceResponse.newBuilder().setId(id.toString()).build());
  }

  @Override
  public Future<AdjustInvoiceResponse> adjustInvoice(AdjustInvoiceRequest request) {
    return app.adjustInvoice(
            new AdjustInvoice(invoiceId(request.getId()), amount(request.getAmount())))
        .map(AdjustInvoiceResponse.getDefaultInstance());
  }

  @Override
  public Future<PayInvoiceResponse> payInvoice(PayInvoiceRequest request) {
    Actor actor = RpcCaller.actor();
    return app.payInvoice(new PayInvoice(invoiceId(request.getId()), actor))
        .map(PayInvoiceResponse.getDefaultInstance());
  }

  @Override
  public Future<CancelInvoiceResponse> cancelInvoice(CancelInvoiceRequest request) {
    return app.cancelInvoice(new CancelInvoice(invoiceId(request.getId())))
        .map(CancelInvoiceResponse.getDefaultInstance());
  }

  @Override
  public Future<GetPaymentResponse> getPayment(GetPaymentRequest request) {
    Actor actor = RpcCaller.actor();
    return app.getPayment(new GetPayment(paymentId(request.getId(), "id"), actor))
        .map(
            payment ->
                GetPaymentResponse.newBuilder().setPayment(PaymentsWire.payment(payment)).build());
  }

  @Override
  public Future<GetInvoiceResponse> getInvoice(GetInvoiceRequest request) {
    Actor actor = RpcCaller.actor();
    var invoice =
        switch (request.getLookupCase()) {
          case ID -> app.getInvoice(new GetInvoice(invoiceId(request.getId()), actor));
          case ORDER_ID ->
              app.getOrderInvoice(new GetOrderInvoice(orderId(request.getOrderId()), actor));
          case LOOKUP_NOT_SET -> throw new Invalid("id or order_id is required");
        };
    return invoice.map(
        found -> GetInvoiceResponse.newBuilder().setInvoice(PaymentsWire.invoice(found)).build());
  }

  private static Money amount(double wire) {
    return Money.fromWire(wire, "amount");
  }

  private static PaymentId paymentId(String wire, String field) {
    return PaymentId.parse(wire, field);
  }

  private static InvoiceId invoiceId(String wire) {
    return InvoiceId.parse(wire, "id");
  }

  /**
   * Ordering's ids, kept as text: an invoice of text that is no order id could never be paid to an
   * order.
   */
  private static String orderId(String wire) {
    return Uuids.parse(wire, "order_id").toString();
  }
}
