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

  @Test
  void a_new_order_is_pending_under_its_own_id_and_totals_price_times_quantity() {
    OrderCreated created = Order.create(ID, USER, PAYMENT, List.of(item("2.50", 3), item("10.00", 1)), BASKET);

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
        .isInstanceOf(Invalid.class).hasMessage("user_id is required");
    assertThatThrownBy(() -> Order.create(ID, USER, null, List.of(item("1.00", 1)), null))
        .isInstanceOf(Invalid.class).hasMessage("payment_id is required");
    assertThatThrownBy(() -> Order.create(ID, USER, PAYMENT, List.of(), null))
        .isInstanceOf(Invalid.class).hasMessageContaining("at least one item");
  }

  @Test
  void an_item_needs_ids_a_quantity_of_at_least_one_and_a_price_not_below_zero() {
    assertThatThrownBy(() -> item("1.00", 0)).isInstanceOf(Invalid.class).hasMessageContaining("quantity");
    assertThatThrownBy(() -> item("-0.01", 1)).isInstanceOf(Invalid.class).hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> new Item("", "s", "p", "s", Money.of("1"), 1)).isInstanceOf(Invalid.class)
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
  @EnumSource(value = OrderStatus.class, names = {"REJECTED", "CANCELED", "READY", "COMPLETED"})
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
  @EnumSource(value = OrderStatus.class, names = {"APPROVED", "CANCELED", "READY", "COMPLETED"})
  void only_a_pending_order_is_rejected(OrderStatus status) {
    refused(status, order -> order.reject("late", "X"), "ORDER_NOT_PENDING", "only a pending order can be rejected");
  }

  @Test
  void a_pending_order_is_canceled() {
    assertThat(apply(in(OrderStatus.PENDING), Order::cancel).status()).isEqualTo(OrderStatus.CANCELED);
  }

  @ParameterizedTest
  @EnumSource(value = OrderStatus.class, names = {"APPROVED", "REJECTED", "CANCELED", "READY", "COMPLETED"})
  void only_a_pending_order_is_canceled(OrderStatus status) {
    refused(status, Order::cancel, "ORDER_NOT_PENDING", "only a pending order can be canceled");
  }

  @Test
  void an_approved_order_is_made_ready() {
    assertThat(in(OrderStatus.APPROVED).ready()).containsExactly(new OrderReadied(ID));
  }

  @ParameterizedTest
  @EnumSource(value = OrderStatus.class, names = {"PENDING", "REJECTED", "CANCELED", "READY", "COMPLETED"})
  void only_an_approved_order_is_made_ready(OrderStatus status) {
    refused(status, Order::ready, "ORDER_NOT_APPROVED", "only an approved order can be made ready");
  }

  @Test
  void a_ready_order_is_completed_against_its_invoice() {
    Order completed = apply(in(OrderStatus.READY), order -> order.complete(INVOICE));

    assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(completed.invoiceId()).isEqualTo(INVOICE);
  }

  @Test
  void completing_needs_the_invoice() {
    assertThatThrownBy(() -> in(OrderStatus.READY).complete(" ")).isInstanceOf(Invalid.class)
        .hasMessage("invoice_id is required");
  }

  @ParameterizedTest
  @EnumSource(value = OrderStatus.class, names = {"PENDING", "APPROVED", "REJECTED", "CANCELED", "COMPLETED"})
  void only_a_ready_order_is_completed(OrderStatus status) {
    refused(status, order -> order.complete(INVOICE), "ORDER_NOT_READY", "only a ready order can be completed");
  }

  @Test
  void each_event_moves_the_version_on_by_one_and_the_history_replays_to_the_same_order() {
    List<OrderEvent> history = new ArrayList<>();
    history.add(Order.create(ID, USER, PAYMENT, List.of(item("4.00", 2)), BASKET));
    Order order = Order.created((OrderCreated) history.get(0));
    for (Function<Order, List<OrderEvent>> step : List.<Function<Order, List<OrderEvent>>>of(Order::approve,
        Order::ready, o -> o.complete(INVOICE))) {
      List<OrderEvent> happened = step.apply(order);
      history.addAll(happened);
      order = order.apply(happened.get(0));
    }

    assertThat(order.version()).isEqualTo(4);
    assertThat(Order.replay(history)).isEqualTo(order);
  }

  @Test
  void an_event_of_another_order_or_a_second_creation_cannot_be_applied() {
    Order order = in(OrderStatus.PENDING);

    assertThatThrownBy(() -> order.apply(new OrderApproved(OrderId.random())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> order.apply(Order.create(ID, USER, PAYMENT, List.of(item("1.00", 1)), null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Order.replay(List.of(new OrderApproved(ID)))).isInstanceOf(IllegalArgumentException.class);
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
      case COMPLETED -> apply(in(OrderStatus.READY), o -> o.complete(INVOICE));
    };
  }

  private static Order apply(Order order, Function<Order, List<OrderEvent>> command) {
    return order.applyAll(command.apply(order));
  }

  private static void refused(OrderStatus status, Function<Order, List<OrderEvent>> command, String code,
                              String message) {
    assertThatThrownBy(() -> command.apply(in(status))).isInstanceOfSatisfying(Conflict.class,
        conflict -> assertThat(conflict.code()).isEqualTo(code)).hasMessageContaining(message)
        .hasMessageContaining("is " + status.label());
  }

  private static Item item(String price, int quantity) {
    return new Item(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "Widget", "Widgets",
        Money.of(price), quantity);
  }
}
