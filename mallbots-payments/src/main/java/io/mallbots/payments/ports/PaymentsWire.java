package io.mallbots.payments.ports;

import io.mallbots.payments.domain.invoice.Invoice;
import io.mallbots.payments.domain.payment.Payment;
import io.mallbots.payments.v1.InvoiceStatus;
import io.mallbots.payments.v1.PaymentStatus;

/**
 * Payments' wire translation, domain values -> proto values, for its ports (the gRPC server):
 * payments and invoices as the API shows them.
 */
public final class PaymentsWire {

  private PaymentsWire() {}

  public static io.mallbots.payments.v1.Payment payment(Payment payment) {
    return io.mallbots.payments.v1.Payment.newBuilder()
        .setId(payment.id().toString())
        .setUserId(payment.userId())
        .setAmount(payment.amount().toWire())
        .setStatus(
            switch (payment.status()) {
              case AUTHORIZED -> PaymentStatus.PAYMENT_STATUS_AUTHORIZED;
              case CONFIRMED -> PaymentStatus.PAYMENT_STATUS_CONFIRMED;
              case RELEASED -> PaymentStatus.PAYMENT_STATUS_RELEASED;
            })
        .setOrderId(payment.orderId())
        .setConfirmedAmount(payment.confirmedAmount().toWire())
        .build();
  }

  public static io.mallbots.payments.v1.Invoice invoice(Invoice invoice) {
    return io.mallbots.payments.v1.Invoice.newBuilder()
        .setId(invoice.id().toString())
        .setOrderId(invoice.orderId())
        .setPaymentId(invoice.paymentId().toString())
        .setAmount(invoice.amount().toWire())
        .setStatus(
            switch (invoice.status()) {
              case PENDING -> InvoiceStatus.INVOICE_STATUS_PENDING;
              case PAID -> InvoiceStatus.INVOICE_STATUS_PAID;
              case CANCELED -> InvoiceStatus.INVOICE_STATUS_CANCELED;
            })
        .build();
  }
}
