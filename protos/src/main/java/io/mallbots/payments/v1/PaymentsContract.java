package io.mallbots.payments.v1;

import io.mallbots.common.v1.MessageType;

/**
 * The names payments publishes and answers under: its two event topics, its command topic and one
 * typed constant per event and command of {@code events.proto} and {@code commands.proto}. The
 * envelope names are {@code payments.<ProtoMessage>}; they are on the wire, so they never change.
 */
public final class PaymentsContract {

  public static final String PAYMENT_EVENTS = "mallbots.payments.events.Payment";
  public static final String INVOICE_EVENTS = "mallbots.payments.events.Invoice";
  public static final String COMMANDS = "mallbots.payments.commands";

  /** The envelope names as compile-time constants, for switch labels. */
  public static final class Names {
    public static final String PAYMENT_AUTHORIZED = "payments.PaymentAuthorized";
    public static final String PAYMENT_CONFIRMED = "payments.PaymentConfirmed";
    public static final String PAYMENT_RELEASED = "payments.PaymentReleased";
    public static final String INVOICE_CREATED = "payments.InvoiceCreated";
    public static final String INVOICE_ADJUSTED = "payments.InvoiceAdjusted";
    public static final String INVOICE_PAID = "payments.InvoicePaid";
    public static final String INVOICE_CANCELED = "payments.InvoiceCanceled";
    public static final String CONFIRM_PAYMENT = "payments.ConfirmPayment";
    public static final String RELEASE_PAYMENT = "payments.ReleasePayment";

    private Names() {}
  }

  public static final MessageType<PaymentAuthorized> PAYMENT_AUTHORIZED =
      new MessageType<>(PAYMENT_EVENTS, Names.PAYMENT_AUTHORIZED, PaymentAuthorized.parser());
  public static final MessageType<PaymentConfirmed> PAYMENT_CONFIRMED =
      new MessageType<>(PAYMENT_EVENTS, Names.PAYMENT_CONFIRMED, PaymentConfirmed.parser());
  public static final MessageType<PaymentReleased> PAYMENT_RELEASED =
      new MessageType<>(PAYMENT_EVENTS, Names.PAYMENT_RELEASED, PaymentReleased.parser());
  public static final MessageType<InvoiceCreated> INVOICE_CREATED =
      new MessageType<>(INVOICE_EVENTS, Names.INVOICE_CREATED, InvoiceCreated.parser());
  public static final MessageType<InvoiceAdjusted> INVOICE_ADJUSTED =
      new MessageType<>(INVOICE_EVENTS, Names.INVOICE_ADJUSTED, InvoiceAdjusted.parser());
  public static final MessageType<InvoicePaid> INVOICE_PAID =
      new MessageType<>(INVOICE_EVENTS, Names.INVOICE_PAID, InvoicePaid.parser());
  public static final MessageType<InvoiceCanceled> INVOICE_CANCELED =
      new MessageType<>(INVOICE_EVENTS, Names.INVOICE_CANCELED, InvoiceCanceled.parser());

  public static final MessageType<ConfirmPayment> CONFIRM_PAYMENT =
      new MessageType<>(COMMANDS, Names.CONFIRM_PAYMENT, ConfirmPayment.parser());
  public static final MessageType<ReleasePayment> RELEASE_PAYMENT =
      new MessageType<>(COMMANDS, Names.RELEASE_PAYMENT, ReleasePayment.parser());

  private PaymentsContract() {}
}
