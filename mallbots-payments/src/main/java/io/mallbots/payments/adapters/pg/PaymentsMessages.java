package io.mallbots.payments.adapters.pg;

import io.mallbots.core.messaging.Message;
import io.mallbots.payments.domain.invoice.InvoiceAdjusted;
import io.mallbots.payments.domain.invoice.InvoiceCanceled;
import io.mallbots.payments.domain.invoice.InvoiceCreated;
import io.mallbots.payments.domain.invoice.InvoiceEvent;
import io.mallbots.payments.domain.invoice.InvoicePaid;
import io.mallbots.payments.domain.payment.PaymentAuthorized;
import io.mallbots.payments.domain.payment.PaymentConfirmed;
import io.mallbots.payments.domain.payment.PaymentEvent;
import io.mallbots.payments.domain.payment.PaymentReleased;
import io.mallbots.payments.v1.PaymentsContract;
import java.util.List;

/**
 * The payments' domain events as messages (events.proto) under the topics and envelope names of
 * {@link PaymentsContract}, keyed by the aggregate's id so a payment's or an invoice's events stay
 * in order.
 */
public final class PaymentsMessages {

  private PaymentsMessages() {}

  public static List<Message> ofPayment(List<PaymentEvent> events) {
    return events.stream().map(PaymentsMessages::of).toList();
  }

  public static List<Message> ofInvoice(List<InvoiceEvent> events) {
    return events.stream().map(PaymentsMessages::of).toList();
  }

  // Java 17 has no pattern switch: instanceof over the sealed event types, most frequent first.
  static Message of(PaymentEvent event) {
    String key = event.paymentId().toString();
    if (event instanceof PaymentConfirmed e) {
      return Message.of(
          PaymentsContract.PAYMENT_CONFIRMED,
          key,
          io.mallbots.payments.v1.PaymentConfirmed.newBuilder()
              .setId(key)
              .setAmount(e.amount().toWire())
              .setOrderId(e.orderId())
              .build());
    } else if (event instanceof PaymentReleased e) {
      return Message.of(
          PaymentsContract.PAYMENT_RELEASED,
          key,
          io.mallbots.payments.v1.PaymentReleased.newBuilder()
              .setId(key)
              .setAmount(e.amount().toWire())
              .setOrderId(e.orderId())
              .build());
    } else if (event instanceof PaymentAuthorized e) {
      return Message.of(
          PaymentsContract.PAYMENT_AUTHORIZED,
          key,
          io.mallbots.payments.v1.PaymentAuthorized.newBuilder()
              .setId(key)
              .setUserId(e.userId())
              .setAmount(e.amount().toWire())
              .build());
    } else {
      throw new IllegalArgumentException("unmapped payment event " + event);
    }
  }

  static Message of(InvoiceEvent event) {
    String key = event.invoiceId().toString();
    if (event instanceof InvoiceCreated e) {
      return Message.of(
          PaymentsContract.INVOICE_CREATED,
          key,
          io.mallbots.payments.v1.InvoiceCreated.newBuilder()
              .setId(key)
              .setOrderId(e.orderId())
              .setPaymentId(e.paymentId().toString())
              .setAmount(e.amount().toWire())
              .build());
    } else if (event instanceof InvoicePaid e) {
      return Message.of(
          PaymentsContract.INVOICE_PAID,
          key,
          io.mallbots.payments.v1.InvoicePaid.newBuilder()
              .setId(key)
              .setOrderId(e.orderId())
              .setPaymentId(e.paymentId().toString())
              .setAmount(e.amount().toWire())
              .build());
    } else if (event instanceof InvoiceCanceled e) {
      return Message.of(
          PaymentsContract.INVOICE_CANCELED,
          key,
          io.mallbots.payments.v1.InvoiceCanceled.newBuilder()
              .setId(key)
              .setOrderId(e.orderId())
              .build());
    } else if (event instanceof InvoiceAdjusted e) {
      return Message.of(
          PaymentsContract.INVOICE_ADJUSTED,
          key,
          io.mallbots.payments.v1.InvoiceAdjusted.newBuilder()
              .setId(key)
              .setOrderId(e.orderId())
              .setAmount(e.amount().toWire())
              .build());
    } else {
      throw new IllegalArgumentException("unmapped invoice event " + event);
    }
  }
}
