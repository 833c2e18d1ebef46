package io.mallbots.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.mallbots.payments.domain.invoice.Invoice;
import io.mallbots.payments.domain.invoice.InvoiceAdjusted;
import io.mallbots.payments.domain.invoice.InvoiceCanceled;
import io.mallbots.payments.domain.invoice.InvoiceCreated;
import io.mallbots.payments.domain.invoice.InvoiceEvent;
import io.mallbots.payments.domain.invoice.InvoiceId;
import io.mallbots.payments.domain.invoice.InvoicePaid;
import io.mallbots.payments.domain.invoice.InvoiceStatus;
import io.mallbots.payments.domain.payment.PaymentId;
import org.junit.jupiter.api.Test;

class InvoiceTest {

  private final InvoiceId id = InvoiceId.generate();
  private final PaymentId paymentId = PaymentId.generate();

  @Test
  void a_new_invoice_is_pending_and_raises_invoice_created() {
    Changed<Invoice, InvoiceEvent> created =
        Invoice.create(id, "order-1", paymentId, Money.of("30"));

    assertThat(created.aggregate().status()).isEqualTo(InvoiceStatus.PENDING);
    assertThat(created.events())
        .containsExactly(new InvoiceCreated(id, "order-1", paymentId, Money.of("30")));
  }

  @Test
  void an_invoice_needs_an_order_and_a_non_negative_amount() {
    assertThatThrownBy(() -> Invoice.create(id, "", paymentId, Money.of("1")))
        .isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> Invoice.create(id, "order-1", paymentId, Money.of("-0.01")))
        .isInstanceOf(Invalid.class);
    assertThat(Invoice.create(id, "order-1", paymentId, Money.ZERO).aggregate().amount())
        .isEqualTo(Money.ZERO);
  }

  @Test
  void a_pending_invoice_can_be_adjusted() {
    Changed<Invoice, InvoiceEvent> adjusted = pending().adjust(Money.of("25.5"));

    assertThat(adjusted.aggregate().amount()).isEqualTo(Money.of("25.50"));
    assertThat(adjusted.events())
        .containsExactly(new InvoiceAdjusted(id, "order-1", Money.of("25.50")));
  }

  @Test
  void adjusting_to_the_same_amount_raises_nothing() {
    Changed<Invoice, InvoiceEvent> same = pending().adjust(Money.of("30"));

    assertThat(same.events()).isEmpty();
  }

  @Test
  void adjusting_to_a_negative_amount_is_invalid() {
    assertThatThrownBy(() -> pending().adjust(Money.of("-1"))).isInstanceOf(Invalid.class);
  }

  @Test
  void paying_a_pending_invoice_raises_invoice_paid_with_its_payment_and_amount() {
    Invoice invoice = pending().adjust(Money.of("29.50")).aggregate();

    Changed<Invoice, InvoiceEvent> paid = invoice.pay();

    assertThat(paid.aggregate().status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(invoice.status())
        .as("the invoice before the change stays as it was")
        .isEqualTo(InvoiceStatus.PENDING);
    assertThat(paid.events())
        .containsExactly(new InvoicePaid(id, "order-1", paymentId, Money.of("29.50")));
  }

  @Test
  void canceling_a_pending_invoice_raises_invoice_canceled() {
    Changed<Invoice, InvoiceEvent> canceled = pending().cancel();

    assertThat(canceled.aggregate().status()).isEqualTo(InvoiceStatus.CANCELED);
    assertThat(canceled.events()).containsExactly(new InvoiceCanceled(id, "order-1"));
  }

  @Test
  void a_paid_invoice_cannot_be_paid_again_canceled_or_adjusted() {
    Invoice invoice = pending().pay().aggregate();

    for (Runnable change :
        new Runnable[] {invoice::pay, invoice::cancel, () -> invoice.adjust(Money.of("1"))}) {
      assertThatThrownBy(change::run)
          .isInstanceOfSatisfying(
              Conflict.class, e -> assertThat(e.code()).isEqualTo("INVOICE_ALREADY_PAID"));
    }
    assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
  }

  @Test
  void a_canceled_invoice_cannot_be_paid_or_adjusted() {
    Invoice invoice = pending().cancel().aggregate();

    assertThatThrownBy(invoice::pay)
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("INVOICE_CANCELED"));
    assertThatThrownBy(() -> invoice.adjust(Money.of("1"))).isInstanceOf(Conflict.class);
  }

  @Test
  void canceling_a_canceled_invoice_changes_nothing() {
    Invoice invoice = pending().cancel().aggregate();

    Changed<Invoice, InvoiceEvent> again = invoice.cancel();

    assertThat(again.events()).isEmpty();
    assertThat(again.aggregate().status()).isEqualTo(InvoiceStatus.CANCELED);
  }

  private Invoice pending() {
    return Invoice.create(id, "order-1", paymentId, Money.of("30")).aggregate();
  }
}
