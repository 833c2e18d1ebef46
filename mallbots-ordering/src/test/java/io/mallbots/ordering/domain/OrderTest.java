package io.mallbots.ordering.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The order's life cycle: each command's rule and guard, and how events make the state. */
class OrderTest {

  private static final OrderId ID = OrderId.random();
  private static final String USER = UUID.randomUUID().toString();
  private static final String PAYMENT = UUID.randomUUID().toString();
  private static final String BASKET = UUID.randomUUID().toString();
  private static final String INVOICE = UUID.randomUUID().toString();

  /** The total of the orders {@link #in} makes. */
  private static final Money TOTAL = Money.of("5.00");

  @Test
  void a_new_order_is_pending_under_its_own_id_and_totals_price_times_quantity() {
    OrderCreated created =
        Order.create(ID, USER, PAYMENT, List.of(item("2.50", 3), item("10.00", 1)), BASKET);

    Order order = Order.created(created);

    assertThat(created.orderId()).isEqualTo(ID).isNotEqualTo(BASKET);
    assertThat(created.total()).isEqualTo(Money.of("17.50"));
    assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(order.version()).isEqualTo(1);
    assertThat(order.basketId()).isEqualTo(BASKET);
    assertThat(order.items()).hasSize(2);
    assertThat(order.invoiceId()).isNull();
  }

  @Test
  void an_order_without_a_basket_has_no_basket_id() {
    assertThat(Order.create(ID, USER, PAYMENT, List.of(item("1.00", 1)), "").basketId()).isNull();
    assertThat(Order.create(ID, USER, PAYMENT, List.of(item("1.00", 1)), null).basketId()).isNull();
  }

  @Test
  void an_order_needs_a_user_a_payment_and_at_least_one_item() {
    assertThatThrownBy(() -> Order.create(ID, " ", PAYMENT, List.of(item("1.00", 1)), null))
        .isInstanceOf(Invalid.class)
        .hasMessage("user_id is required");
    assertThatThrownBy(() -> Order.create(ID, USER, null, List.of(item("1.00", 1)), null))
        .isInstanceOf(Invalid.class)
        .hasMessage("payment_id is required");
    assertThatThrownBy(() -> Order.create(ID, USER, PAYMENT, List.of(), null))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("at least one item");
  }

  @Test
  void an_item_needs_ids_a_quantity_of_at_least_one_and_a_price_not_below_zero() {
    assertThatThrownBy(() -> item("1.00", 0))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("quantity");
    assertThatThrownBy(() -> item("-0.01", 1))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> new Item("", "s", "p", "s", Money.of("1"), 1))
        .isInstanceOf(Invalid.class)
        .hasMessage("product_id is required");
    assertThat(item("0.00", 1).subtotal()).isEqualTo(Money.ZERO);
  }

  @Test
  void a_pending_order_is_approved() {
    assertThat(in(OrderStatus.PENDING).approve()).containsExactly(new OrderApproved(ID));
  }

  @Test
  void approving_an_approved_order_again_changes_nothing() {
    assertThat(in(OrderStatus.APPROVED).approve()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderStatus.class,
      names = {"REJECTED", "CANCELED", "READY", "COMPLETED"})
  void only_a_pending_order_is_approved(OrderStatus status) {
    refused(status, Order::approve, "ORDER_NOT_PENDING", "only a pending order can be approved");
  }

  @Test
  void a_pending_order_is_rejected_with_the_failed_step_s_reason_and_code() {
    assertThat(in(OrderStatus.PENDING).reject("user is disabled", "USER_DISABLED"))
        .containsExactly(new OrderRejected(ID, "user is disabled", "USER_DISABLED"));
  }

  @Test
  void rejecting_rejects_it_does_not_cancel() {
    Order rejected = apply(in(OrderStatus.PENDING), order -> order.reject("no", "CODE"));

    assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
  }

  @Test
  void a_rejection_without_a_reason_still_says_the_order_was_rejected() {
    assertThat(in(OrderStatus.PENDING).reject(null, null))
        .containsExactly(new OrderRejected(ID, "the order was rejected", ""));
  }

  @Test
  void rejecting_a_rejected_order_again_changes_nothing() {
    assertThat(in(OrderStatus.REJECTED).reject("again", "X")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderStatus.class,
      names = {"APPROVED", "CANCELED", "READY", "COMPLETED"})
  void only_a_pending_order_is_rejected(OrderStatus status) {
    refused(
        status,
        order -> order.reject("late", "X"),
        "ORDER_NOT_PENDING",
        "only a pending order can be rejected");
  }

  @Test
  void a_pending_order_is_canceled() {
    assertThat(apply(in(OrderStatus.PENDING), Order::cancel).status())
        .isEqualTo(OrderStatus.CANCELED);
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderStatus.class,
      names = {"APPROVED", "REJECTED", "CANCELED", "READY", "COMPLETED"})
  void only_a_pending_order_is_canceled(OrderStatus status) {
    refused(status, Order::cancel, "ORDER_NOT_PENDING", "only a pending order can be canceled");
  }

  @Test
  void an_approved_order_is_made_ready() {
    assertThat(in(OrderStatus.APPROVED).ready()).containsExactly(new OrderReadied(ID));
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderStatus.class,
      names = {"PENDING", "REJECTED", "CANCELED", "READY", "COMPLETED"})
  void only_an_approved_order_is_made_ready(OrderStatus status) {
    refused(status, Order::ready, "ORDER_NOT_APPROVED", "only an approved order can be made ready");
  }

  @Test
  void a_ready_order_completes_on_its_own_invoice_for_its_full_total_charged_to_its_payment() {
    Order order = in(OrderStatus.READY);

    List<OrderEvent> happened = order.complete(paid());

    assertThat(happened).containsExactly(new OrderCompleted(ID, INVOICE));
    Order completed = order.applyAll(happened);
    assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(completed.invoiceId()).isEqualTo(INVOICE);
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderStatus.class,
      names = {"PENDING", "APPROVED", "READY", "COMPLETED", "CANCELED"})
  void an_invoice_for_another_order_pays_nothing(OrderStatus status) {
    Order order = in(status);

    mismatch(
        () -> order.complete(new PaidInvoice(INVOICE, OrderId.random(), PAYMENT, TOTAL)),
        "INVOICE_NOT_FOR_ORDER");
  }

  @Test
  void an_invoice_for_less_or_more_than_the_total_pays_nothing() {
    for (String amount : new String[] {"4.99", "5.01", "0.00", "-5.00"}) {
      Order order = in(OrderStatus.READY);

      mismatch(
          () -> order.complete(new PaidInvoice(INVOICE, ID, PAYMENT, Money.of(amount))),
          "INVOICE_AMOUNT_MISMATCH");
    }
  }

  @Test
  void an_invoice_charged_to_another_payment_or_to_none_pays_nothing() {
    for (String payment : new String[] {UUID.randomUUID().toString(), "", PAYMENT.toUpperCase()}) {
      Order order = in(OrderStatus.READY);

      mismatch(
          () -> order.complete(new PaidInvoice(INVOICE, ID, payment, TOTAL)),
          "INVOICE_PAYMENT_MISMATCH");
    }
  }

  @Test
  void a_mismatch_is_recognised_as_one_and_other_refusals_are_not() {
    assertThat(PaidInvoice.isMismatch(new Conflict("INVOICE_AMOUNT_MISMATCH", "x"))).isTrue();
    assertThat(PaidInvoice.isMismatch(new Conflict("INVOICE_PAYMENT_MISMATCH", "x"))).isTrue();
    assertThat(PaidInvoice.isMismatch(new Conflict("INVOICE_NOT_FOR_ORDER", "x"))).isTrue();
    assertThat(PaidInvoice.isMismatch(new Conflict("ORDER_NOT_READY", "x"))).isFalse();
  }

  @Test
  void the_same_paid_invoice_again_changes_nothing_and_another_one_is_refused() {
    Order completed = in(OrderStatus.COMPLETED);

    assertThat(completed.complete(paid())).isEmpty();
    assertThatThrownBy(
            () ->
                completed.complete(
                    new PaidInvoice(UUID.randomUUID().toString(), ID, PAYMENT, TOTAL)))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("ORDER_ALREADY_PAID"));
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderStatus.class,
      names = {"PENDING", "APPROVED"})
  void an_order_paid_before_it_is_ready_remembers_the_invoice_and_stays_where_it_is(
      OrderStatus status) {
    Order order = in(status);

    List<OrderEvent> happened = order.complete(paid());

    assertThat(happened).containsExactly(new OrderPaid(ID, INVOICE));
    Order paid = order.applyAll(happened);
    assertThat(paid.status()).isEqualTo(status);
    assertThat(paid.invoiceId()).isEqualTo(INVOICE);
    assertThat(paid.complete(paid())).as("the same invoice again").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderStatus.class,
      names = {"REJECTED", "CANCELED"})
  void a_paid_invoice_of_an_order_that_can_no_longer_complete_is_refused(OrderStatus status) {
    refused(status, order -> order.complete(paid()), "ORDER_NOT_READY", "completes nothing");
  }

  @Test
  void complete_order_completes_a_ready_order_only_with_the_invoice_payments_reported_paid() {
    Order paidEarly = apply(apply(in(OrderStatus.APPROVED), o -> o.complete(paid())), Order::ready);

    assertThatThrownBy(() -> paidEarly.complete(UUID.randomUUID().toString()))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("INVOICE_NOT_PAID"));
    assertThat(paidEarly.complete(INVOICE)).containsExactly(new OrderCompleted(ID, INVOICE));
  }

  @Test
  void complete_order_with_a_made_up_invoice_is_refused() {
    Order ready = in(OrderStatus.READY);

    assertThatThrownBy(() -> ready.complete(INVOICE))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("INVOICE_NOT_PAID"))
        .hasMessageContaining("no paid invoice " + INVOICE);
  }

  @Test
  void
      complete_order_on_an_order_its_invoice_completed_changes_nothing_and_another_invoice_is_refused() {
    Order completed = in(OrderStatus.COMPLETED);

    assertThat(completed.complete(INVOICE)).isEmpty();
    refused(
        OrderStatus.COMPLETED,
        order -> order.complete(UUID.randomUUID().toString()),
        "ORDER_NOT_READY",
        "only a ready order can be completed");
  }

  @Test
  void completing_needs_the_invoice() {
    assertThatThrownBy(() -> in(OrderStatus.READY).complete(" "))
        .isInstanceOf(Invalid.class)
        .hasMessage("invoice_id is required");
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderStatus.class,
      names = {"PENDING", "APPROVED", "REJECTED", "CANCELED"})
  void only_a_ready_order_is_completed(OrderStatus status) {
    refused(
        status,
        order -> order.complete(INVOICE),
        "ORDER_NOT_READY",
        "only a ready order can be completed");
  }

  @Test
  void an_order_total_that_could_not_be_stored_is_refused_naming_the_item() {
    Item max = item(Money.MAX.toString(), 1);

    assertThat(Order.create(ID, USER, PAYMENT, List.of(max), null).total()).isEqualTo(Money.MAX);
    assertThatThrownBy(() -> Order.create(ID, USER, PAYMENT, List.of(max, item("0.01", 1)), null))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("items[1]")
        .hasMessageContaining("total");
    assertThatThrownBy(
            () ->
                Order.create(
                    ID, USER, PAYMENT, List.of(item("1.00", 1), item("500000000000.00", 2)), null))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("items[1]");
  }

  @Test
  void each_event_moves_the_version_on_by_one_and_the_history_replays_to_the_same_order() {
    List<OrderEvent> history = new ArrayList<>();
    history.add(Order.create(ID, USER, PAYMENT, List.of(item("4.00", 2)), BASKET));
    Order order = Order.created((OrderCreated) history.get(0));
    for (Function<Order, List<OrderEvent>> step :
        List.<Function<Order, List<OrderEvent>>>of(
            Order::approve,
            o -> o.complete(new PaidInvoice(INVOICE, ID, PAYMENT, Money.of("8.00"))),
            Order::ready,
            o -> o.complete(INVOICE))) {
      List<OrderEvent> happened = step.apply(order);
      history.addAll(happened);
      order = order.apply(happened.get(0));
    }

    assertThat(history).hasAtLeastOneElementOfType(OrderPaid.class);
    assertThat(order.version()).isEqualTo(5);
    assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(Order.replay(history)).isEqualTo(order);
  }

  @Test
  void an_event_of_another_order_or_a_second_creation_cannot_be_applied() {
    Order order = in(OrderStatus.PENDING);

    assertThatThrownBy(() -> order.apply(new OrderApproved(OrderId.random())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> order.apply(Order.create(ID, USER, PAYMENT, List.of(item("1.00", 1)), null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Order.replay(List.of(new OrderApproved(ID))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** An order brought to {@code status} the way orders get there: through their events. */
  static Order in(OrderStatus status) {
    Order order = Order.created(Order.create(ID, USER, PAYMENT, List.of(item("2.50", 2)), BASKET));
    return switch (status) {
      case PENDING -> order;
      case APPROVED -> apply(order, Order::approve);
      case REJECTED -> apply(order, o -> o.reject("no", "NO"));
      case CANCELED -> apply(order, Order::cancel);
      case READY -> apply(in(OrderStatus.APPROVED), Order::ready);
      case COMPLETED -> apply(in(OrderStatus.READY), o -> o.complete(paid()));
    };
  }

  /** INVOICE paid in full with the order's payment. */
  private static PaidInvoice paid() {
    return new PaidInvoice(INVOICE, ID, PAYMENT, TOTAL);
  }

  /** The command is refused as a payment mismatch with {@code code}. */
  private static void mismatch(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable command, String code) {
    assertThatThrownBy(command)
        .isInstanceOfSatisfying(
            Conflict.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(PaidInvoice.isMismatch(e)).isTrue();
            });
  }

  private static Order apply(Order order, Function<Order, List<OrderEvent>> command) {
    return order.applyAll(command.apply(order));
  }

  private static void refused(
      OrderStatus status, Function<Order, List<OrderEvent>> command, String code, String message) {
    assertThatThrownBy(() -> command.apply(in(status)))
        .isInstanceOfSatisfying(
            Conflict.class, conflict -> assertThat(conflict.code()).isEqualTo(code))
        .hasMessageContaining(message)
        .hasMessageContaining("is " + status.label());
  }

  private static Item item(String price, int quantity) {
    return new Item(
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        "Widget",
        "Widgets",
        Money.of(price),
        quantity);
  }
}
