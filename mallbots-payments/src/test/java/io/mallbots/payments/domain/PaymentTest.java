package io.mallbots.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.mallbots.payments.domain.payment.PayingOrder;
import io.mallbots.payments.domain.payment.Payment;
import io.mallbots.payments.domain.payment.PaymentAuthorized;
import io.mallbots.payments.domain.payment.PaymentConfirmed;
import io.mallbots.payments.domain.payment.PaymentEvent;
import io.mallbots.payments.domain.payment.PaymentId;
import io.mallbots.payments.domain.payment.PaymentReleased;
import io.mallbots.payments.domain.payment.PaymentStatus;
import org.junit.jupiter.api.Test;

class PaymentTest {

  private final PaymentId id = PaymentId.generate();

  @Test
  void authorizing_records_the_user_and_amount_and_raises_payment_authorized() {
    Changed<Payment, PaymentEvent> authorized = Payment.authorize(id, "user-1", Money.of("10.00"));

    assertThat(authorized.aggregate().status()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(authorized.events())
        .containsExactly(new PaymentAuthorized(id, "user-1", Money.of("10.00")));
  }

  @Test
  void authorizing_needs_a_user() {
    assertThatThrownBy(() -> Payment.authorize(id, " ", Money.of("1")))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("user_id");
  }

  @Test
  void authorizing_needs_a_positive_amount() {
    assertThatThrownBy(() -> Payment.authorize(id, "user-1", Money.ZERO))
        .isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> Payment.authorize(id, "user-1", Money.of("-5")))
        .isInstanceOf(Invalid.class);
  }

  @Test
  void confirming_charges_the_amount_for_the_order() {
    Changed<Payment, PaymentEvent> confirmed =
        authorized("20.00").confirm(Money.of("20.00"), order("order-1"));

    Payment payment = confirmed.aggregate();
    assertThat(payment.status()).isEqualTo(PaymentStatus.CONFIRMED);
    assertThat(payment.orderId()).isEqualTo("order-1");
    assertThat(payment.confirmedAmount()).isEqualTo(Money.of("20"));
    assertThat(confirmed.events())
        .containsExactly(new PaymentConfirmed(id, Money.of("20"), "order-1"));
  }

  @Test
  void confirming_needs_exactly_the_authorized_amount() {
    for (String charge : new String[] {"12.50", "20.01"}) {
      Payment payment = authorized("20.00");

      assertThatThrownBy(() -> payment.confirm(Money.of(charge), order("order-1")))
          .as(charge)
          .isInstanceOfSatisfying(
              Conflict.class, e -> assertThat(e.code()).isEqualTo("PAYMENT_AMOUNT_MISMATCH"));
      assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    }
  }

  @Test
  void confirming_needs_a_positive_amount() {
    assertThatThrownBy(() -> authorized("20").confirm(Money.ZERO, order("order-1")))
        .isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> authorized("20").confirm(Money.ZERO)).isInstanceOf(Invalid.class);
  }

  @Test
  void a_payment_is_confirmed_only_for_an_order_of_the_user_who_authorized_it() {
    Payment payment = authorized("20.00");

    assertThatThrownBy(
            () -> payment.confirm(Money.of("20"), new PayingOrder("order-1", "user-2", false)))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("PAYMENT_USER_MISMATCH"))
        .hasMessageContaining("user-2");
    assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
  }

  @Test
  void a_confirmation_for_an_order_must_name_the_order_and_its_user() {
    assertThatThrownBy(() -> new PayingOrder("order-1", " ", false))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("user_id");
    assertThatThrownBy(() -> new PayingOrder("", "user-1", false))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("order_id");
  }

  @Test
  void a_payment_is_not_confirmed_for_a_canceled_order() {
    Payment payment = authorized("20.00");

    assertThatThrownBy(
            () -> payment.confirm(Money.of("20"), new PayingOrder("order-1", "user-1", true)))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("ORDER_CANCELED"));
    assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
  }

  @Test
  void a_service_confirms_the_authorized_amount_for_no_named_order() {
    Payment payment = authorized("20.00").confirm(Money.of("20")).aggregate();

    assertThat(payment.status()).isEqualTo(PaymentStatus.CONFIRMED);
    assertThat(payment.orderId()).isEmpty();
    assertThatThrownBy(() -> authorized("20").confirm(Money.of("19.99")))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("PAYMENT_AMOUNT_MISMATCH"));
  }

  @Test
  void confirming_again_for_the_same_order_and_amount_changes_nothing() {
    Payment payment = authorized("20.00").confirm(Money.of("20"), order("order-1")).aggregate();

    Changed<Payment, PaymentEvent> again = payment.confirm(Money.of("20"), order("order-1"));

    assertThat(again.events()).isEmpty();
    assertThat(again.aggregate()).isSameAs(payment);
  }

  @Test
  void confirming_again_for_another_order_is_refused() {
    Payment payment = authorized("20.00").confirm(Money.of("20"), order("order-1")).aggregate();

    assertThatThrownBy(() -> payment.confirm(Money.of("20"), order("order-2")))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("PAYMENT_ALREADY_CONFIRMED"));
  }

  @Test
  void confirming_again_with_another_amount_is_refused() {
    Payment payment = authorized("20.00").confirm(Money.of("20"), order("order-1")).aggregate();

    assertThatThrownBy(() -> payment.confirm(Money.of("19"), order("order-1")))
        .isInstanceOf(Conflict.class);
  }

  @Test
  void confirming_again_without_an_order_is_refused() {
    Payment payment = authorized("20.00").confirm(Money.of("20")).aggregate();

    assertThatThrownBy(() -> payment.confirm(Money.of("20")))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("PAYMENT_ALREADY_CONFIRMED"));
  }

  @Test
  void a_payment_id_must_be_a_uuid() {
    assertThatThrownBy(() -> PaymentId.parse("not-a-uuid", "id"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("UUID");
    assertThatThrownBy(() -> PaymentId.parse("", "id"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("required");
    assertThat(PaymentId.parse(id.toString(), "id")).isEqualTo(id);
  }

  /** An open order of the payment's user. */
  private static PayingOrder order(String orderId) {
    return new PayingOrder(orderId, "user-1", false);
  }

  @Test
  void releasing_gives_back_what_was_confirmed_for_the_order_once() {
    Payment payment = authorized("20.00").confirm(Money.of("20.00"), order("order-1")).aggregate();

    Changed<Payment, PaymentEvent> released = payment.release("order-1");
    Changed<Payment, PaymentEvent> again = released.aggregate().release("order-1");

    assertThat(again.aggregate().status()).isEqualTo(PaymentStatus.RELEASED);
    assertThat(again.aggregate().orderId()).isEqualTo("order-1");
    assertThat(released.events())
        .containsExactly(new PaymentReleased(id, Money.of("20"), "order-1"));
    assertThat(again.events()).isEmpty();
  }

  @Test
  void releasing_a_payment_whose_confirmation_never_happened_changes_nothing() {
    Changed<Payment, PaymentEvent> released = authorized("20.00").release("order-1");

    assertThat(released.aggregate().status()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(released.events()).isEmpty();
  }

  @Test
  void money_confirmed_for_another_order_is_not_released() {
    Payment payment = authorized("20.00").confirm(Money.of("20.00"), order("order-1")).aggregate();

    assertThatThrownBy(() -> payment.release("order-2"))
        .isInstanceOfSatisfying(
            Conflict.class,
            e -> assertThat(e.code()).isEqualTo("PAYMENT_CONFIRMED_FOR_ANOTHER_ORDER"));
    Payment released = payment.release("order-1").aggregate();
    assertThatThrownBy(() -> released.release("order-2")).isInstanceOf(Conflict.class);
  }

  @Test
  void releasing_names_the_order() {
    assertThatThrownBy(() -> authorized("20.00").release(" ")).isInstanceOf(Invalid.class);
  }

  @Test
  void a_released_payment_is_not_confirmed_again() {
    Payment payment =
        authorized("20.00")
            .confirm(Money.of("20.00"), order("order-1"))
            .aggregate()
            .release("order-1")
            .aggregate();

    assertThatThrownBy(() -> payment.confirm(Money.of("20.00"), order("order-1")))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("PAYMENT_RELEASED"));
    assertThat(payment.status()).isEqualTo(PaymentStatus.RELEASED);
  }

  private Payment authorized(String amount) {
    return Payment.authorize(id, "user-1", Money.of(amount)).aggregate();
  }
}
