package io.mallbots.ordering.application;

import static io.mallbots.ordering.testing.OrderingInProcess.basketCheckedOut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.baskets.v1.BasketsContract;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.NotFound;
import io.mallbots.core.messaging.Message;
import io.mallbots.ordering.application.commands.ApproveOrder;
import io.mallbots.ordering.application.commands.CancelOrder;
import io.mallbots.ordering.application.commands.CompleteOrder;
import io.mallbots.ordering.application.commands.CreateOrder;
import io.mallbots.ordering.application.commands.ReadyOrder;
import io.mallbots.ordering.application.queries.GetOrder;
import io.mallbots.ordering.domain.Item;
import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderEvent;
import io.mallbots.ordering.domain.OrderId;
import io.mallbots.ordering.domain.OrderStatus;
import io.mallbots.ordering.testing.OrderingInProcess;
import io.mallbots.ordering.v1.OrderCompleted;
import io.mallbots.ordering.v1.OrderReadied;
import io.mallbots.ordering.v1.OrderingContract;
import io.mallbots.payments.v1.InvoicePaid;
import io.mallbots.payments.v1.PaymentsContract;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The use cases after the saga, on PostgreSQL: ready, complete (by hand and by InvoicePaid),
 * cancel, the query side, and what happens when another writer changes the order in the middle of a
 * command.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderingApplicationTest {

  private static final String EVENTS = OrderingContract.ORDER_EVENTS;

  /**
   * Runs once, in a transaction of its own, between the next load of an order and the command's
   * append.
   */
  private final AtomicReference<Function<Tx, Future<Void>>> meanwhile = new AtomicReference<>();

  private final AtomicInteger loads = new AtomicInteger();

  /** Sees the meters registered globally while the class runs. */
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private OrderingInProcess ordering;

  @BeforeAll
  void start() {
    Metrics.addRegistry(meters);
    ordering =
        new OrderingInProcess(
            "ordering_app",
            orders ->
                new Orders() {
                  @Override
                  public Future<Optional<Order>> load(Tx tx, OrderId id) {
                    loads.incrementAndGet();
                    Function<Tx, Future<Void>> concurrent = meanwhile.getAndSet(null);
                    return orders
                        .load(tx, id)
                        .compose(
                            loaded ->
                                concurrent == null
                                    ? Future.succeededFuture(loaded)
                                    : ordering
                                        .db()
                                        .database()
                                        .inTransaction(concurrent)
                                        .map(loaded));
                  }

                  @Override
                  public Future<Void> append(
                      Tx tx, int expectedVersion, List<OrderEvent> events, Order after) {
                    return orders.append(tx, expectedVersion, events, after);
                  }

                  @Override
                  public Future<OrderId> orderOfBasket(Tx tx, String basketId, OrderId orderId) {
                    return orders.orderOfBasket(tx, basketId, orderId);
                  }
                });
  }

  @AfterAll
  void stop() {
    Metrics.removeRegistry(meters);
    ordering.close();
  }

  @Test
  void an_order_completes_only_on_its_own_invoice_for_its_full_total() throws Exception {
    OrderId id = approvedOrder();
    ordering.app().readyOrder(new ReadyOrder(id)).await();
    OrderReadied readied =
        OrderReadied.parseFrom(ordering.last(id, "ordering.OrderReadied").payload());
    assertThat(readied.getTotal()).isEqualTo(15.0);
    assertThat(readied.getPaymentId()).isEqualTo(ordering.order(id).paymentId());
    String invoice = UUID.randomUUID().toString();

    ordering.deliverEvent(
        invoicePaid(invoice, id.toString(), ordering.order(id).paymentId(), 15.0));

    assertThat(ordering.order(id).status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(ordering.order(id).invoiceId()).isEqualTo(invoice);
    OrderCompleted completed =
        OrderCompleted.parseFrom(ordering.last(id, "ordering.OrderCompleted").payload());
    assertThat(completed.getInvoiceId()).isEqualTo(invoice);
    assertThat(completed.getUserId()).isEqualTo(ordering.order(id).userId());
    assertThat(ordering.sent(id, EVENTS))
        .containsExactly(
            "ordering.OrderCreated",
            "ordering.OrderApproved",
            "ordering.OrderReadied",
            "ordering.OrderCompleted");
    assertThat(deadLetters(invoice)).isZero();
  }

  @Test
  void
      an_invoice_paid_for_another_amount_leaves_the_order_ready_and_is_counted_and_dead_lettered_once() {
    OrderId id = readyOrder();
    String invoice = UUID.randomUUID().toString();
    double before = mismatches("INVOICE_AMOUNT_MISMATCH");
    Message paid = invoicePaid(invoice, id.toString(), ordering.order(id).paymentId(), 0.01);

    ordering.deliverEvent(paid); // acknowledged: a mismatch is not worth a retry
    ordering.deliverEvent(paid); // a redelivery has no second effect

    assertThat(ordering.order(id).status()).isEqualTo(OrderStatus.READY);
    assertThat(ordering.order(id).invoiceId()).isNull();
    assertThat(ordering.sent(id, EVENTS)).doesNotContain("ordering.OrderCompleted");
    assertThat(mismatches("INVOICE_AMOUNT_MISMATCH") - before).isEqualTo(1);
    assertThat(deadLetterReason(paid))
        .startsWith("INVOICE_AMOUNT_MISMATCH")
        .contains("0.01")
        .contains("15.00");
    assertThat(
            ordering
                .db()
                .number("SELECT count(*) FROM inbox WHERE message_id = '" + paid.id() + "'"))
        .isEqualTo(1);
  }

  @Test
  void
      an_invoice_paid_with_another_payment_leaves_the_order_ready_and_is_counted_and_dead_lettered() {
    OrderId id = readyOrder();
    String invoice = UUID.randomUUID().toString();
    double before = mismatches("INVOICE_PAYMENT_MISMATCH");
    Message paid = invoicePaid(invoice, id.toString(), UUID.randomUUID().toString(), 15.0);

    ordering.deliverEvent(paid);

    assertThat(ordering.order(id).status()).isEqualTo(OrderStatus.READY);
    assertThat(mismatches("INVOICE_PAYMENT_MISMATCH") - before).isEqualTo(1);
    assertThat(deadLetterReason(paid)).startsWith("INVOICE_PAYMENT_MISMATCH");
  }

  @Test
  void an_invoice_paid_with_another_order_s_payment_and_total_leaves_both_orders_ready() {
    OrderId mine = readyOrder();
    OrderId other = ordering.checkout(basketCheckedOut(UUID.randomUUID().toString(), 4.2));
    ordering.runSaga(other);
    ordering.app().readyOrder(new ReadyOrder(other)).await();
    double before = mismatches("INVOICE_AMOUNT_MISMATCH");
    // The other order's invoice (its payment, its total 8.40), made to name this order.
    Message paid =
        invoicePaid(
            UUID.randomUUID().toString(), mine.toString(), ordering.order(other).paymentId(), 8.4);

    ordering.deliverEvent(paid);

    assertThat(ordering.order(mine).status()).isEqualTo(OrderStatus.READY);
    assertThat(ordering.order(other).status()).isEqualTo(OrderStatus.READY);
    assertThat(mismatches("INVOICE_AMOUNT_MISMATCH") - before).isEqualTo(1);
    assertThat(deadLetterReason(paid)).startsWith("INVOICE_AMOUNT_MISMATCH").contains("8.40");
  }

  @Test
  void complete_order_with_a_made_up_invoice_is_refused_and_the_order_stays_ready() {
    OrderId id = readyOrder();

    refused(
        ordering.app().completeOrder(new CompleteOrder(id, UUID.randomUUID().toString())),
        "INVOICE_NOT_PAID",
        "no paid invoice");

    assertThat(ordering.order(id).status()).isEqualTo(OrderStatus.READY);
    assertThat(ordering.sent(id, EVENTS)).doesNotContain("ordering.OrderCompleted");
  }

  @Test
  void
      complete_order_after_invoice_paid_completed_the_order_changes_nothing_with_its_invoice_only() {
    OrderId id = readyOrder();
    String invoice = UUID.randomUUID().toString();
    ordering.deliverEvent(
        invoicePaid(invoice, id.toString(), ordering.order(id).paymentId(), 15.0));

    ordering.app().completeOrder(new CompleteOrder(id, invoice)).await();
    refused(
        ordering.app().completeOrder(new CompleteOrder(id, UUID.randomUUID().toString())),
        "ORDER_NOT_READY",
        "is completed");

    assertThat(ordering.order(id).invoiceId()).isEqualTo(invoice);
    assertThat(ordering.sent(id, EVENTS)).containsOnlyOnce("ordering.OrderCompleted");
  }

  @Test
  void an_order_paid_before_it_was_ready_is_completed_by_hand_against_that_invoice_once_ready() {
    OrderId id = approvedOrder();
    String invoice = UUID.randomUUID().toString();
    ordering.deliverEvent(
        invoicePaid(invoice, id.toString(), ordering.order(id).paymentId(), 15.0));
    assertThat(ordering.order(id).status()).isEqualTo(OrderStatus.APPROVED);
    ordering.app().readyOrder(new ReadyOrder(id)).await();

    refused(
        ordering.app().completeOrder(new CompleteOrder(id, UUID.randomUUID().toString())),
        "INVOICE_NOT_PAID",
        "no paid invoice");
    ordering.app().completeOrder(new CompleteOrder(id, invoice)).await();

    assertThat(ordering.order(id).status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(ordering.order(id).invoiceId()).isEqualTo(invoice);
    assertThat(ordering.sent(id, EVENTS))
        .containsExactly(
            "ordering.OrderCreated",
            "ordering.OrderApproved",
            "ordering.OrderReadied",
            "ordering.OrderCompleted");
  }

  @Test
  void each_transition_is_refused_in_the_wrong_state_with_a_clear_message() {
    OrderId pending = ordering.checkout(basketCheckedOut());
    refused(ordering.app().readyOrder(new ReadyOrder(pending)), "ORDER_NOT_APPROVED", "is pending");
    refused(
        ordering.app().completeOrder(new CompleteOrder(pending, UUID.randomUUID().toString())),
        "ORDER_NOT_READY",
        "only a ready order can be completed");

    OrderId approved = approvedOrder();
    refused(
        ordering.app().cancelOrder(new CancelOrder(approved)),
        "ORDER_NOT_PENDING",
        "only a pending order can be canceled");
    refused(
        ordering.app().completeOrder(new CompleteOrder(approved, UUID.randomUUID().toString())),
        "ORDER_NOT_READY",
        "is approved");
    assertThat(ordering.order(approved).status()).isEqualTo(OrderStatus.APPROVED);
  }

  @Test
  void a_pending_order_is_canceled() {
    OrderId id = ordering.checkout(basketCheckedOut());

    ordering.app().cancelOrder(new CancelOrder(id)).await();

    assertThat(ordering.order(id).status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(ordering.sent(id, EVENTS))
        .containsExactly("ordering.OrderCreated", "ordering.OrderCanceled");
  }

  @Test
  void an_order_made_without_a_basket_gets_a_new_id_and_its_saga() {
    OrderId id =
        ordering
            .app()
            .createOrder(
                new CreateOrder(
                    UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(),
                    List.of(
                        new Item(
                            UUID.randomUUID().toString(),
                            UUID.randomUUID().toString(),
                            "",
                            "",
                            io.mallbots.core.domain.Money.of("3.33"),
                            3)),
                    null))
            .await();

    assertThat(ordering.order(id).total()).isEqualTo(io.mallbots.core.domain.Money.of("9.99"));
    assertThat(ordering.order(id).basketId()).isNull();
    assertThat(ordering.sent(id))
        .extracting(Message::name)
        .containsExactly("ordering.OrderCreated", "users.AuthorizeUser");
  }

  @Test
  void an_unknown_order_is_not_found_on_both_sides() {
    OrderId nobody = OrderId.random();

    assertThatThrownBy(() -> ordering.app().getOrder(new GetOrder(nobody)).await())
        .isInstanceOf(NotFound.class)
        .hasMessageContaining("no order with id " + nobody);
    assertThatThrownBy(() -> ordering.app().cancelOrder(new CancelOrder(nobody)).await())
        .isInstanceOf(NotFound.class);
  }

  @Test
  void a_command_that_meets_a_concurrent_change_is_tried_again_on_the_new_state() {
    OrderId id = ordering.checkout(basketCheckedOut());
    loads.set(0);
    meanwhile.set(other -> ordering.app().approveOrder(other, new ApproveOrder(id)));

    // Decided on a stale PENDING order, the cancel conflicts; tried again, it meets the approved
    // order.
    refused(ordering.app().cancelOrder(new CancelOrder(id)), "ORDER_NOT_PENDING", "is approved");

    assertThat(loads).hasValue(3); // the cancel, the concurrent approve, the cancel again
    assertThat(ordering.order(id).status()).isEqualTo(OrderStatus.APPROVED);
    assertThat(ordering.sent(id, EVENTS))
        .containsExactly("ordering.OrderCreated", "ordering.OrderApproved");
  }

  @Test
  void in_a_message_s_transaction_a_concurrent_change_fails_the_message_for_redelivery() {
    OrderId id = ordering.checkout(basketCheckedOut());
    meanwhile.set(other -> ordering.app().approveOrder(other, new ApproveOrder(id)));

    assertThatThrownBy(
            () ->
                ordering
                    .db()
                    .inTransaction(
                        tx ->
                            ordering
                                .app()
                                .rejectOrder(
                                    tx,
                                    new io.mallbots.ordering.application.commands.RejectOrder(
                                        id, "late", "X"))))
        .isInstanceOf(ConcurrentOrderChange.class);
    assertThat(ordering.order(id).status()).isEqualTo(OrderStatus.APPROVED);
  }

  @Test
  void
      an_invoice_paid_for_an_order_not_ready_canceled_or_unknown_is_acknowledged_and_completes_nothing() {
    OrderId approved = approvedOrder();
    OrderId canceled = ordering.checkout(basketCheckedOut());
    ordering.app().cancelOrder(new CancelOrder(canceled)).await();
    Message early =
        invoicePaid(
            UUID.randomUUID().toString(),
            approved.toString(),
            ordering.order(approved).paymentId(),
            15.0);
    Message late =
        invoicePaid(
            UUID.randomUUID().toString(),
            canceled.toString(),
            ordering.order(canceled).paymentId(),
            15.0);
    Message stranger =
        invoicePaid(
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            15.0);

    ordering.deliverEvent(early);
    ordering.deliverEvent(late);
    ordering.deliverEvent(stranger);

    assertThat(ordering.order(approved).status()).isEqualTo(OrderStatus.APPROVED);
    assertThat(ordering.order(canceled).status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(
            ordering
                .db()
                .number(
                    "SELECT count(*) FROM inbox WHERE message_id IN ('"
                        + early.id()
                        + "', '"
                        + late.id()
                        + "', '"
                        + stranger.id()
                        + "')"))
        .isEqualTo(3);
  }

  @Test
  void an_undecodable_or_malformed_event_fails_so_it_ends_in_the_dead_letters() {
    Message poison =
        Message.create(
            BasketsContract.BASKET_EVENTS,
            "baskets.BasketCheckedOut",
            UUID.randomUUID().toString(),
            new byte[] {0x0a, 0x7f});
    Message badId =
        invoicePaid(UUID.randomUUID().toString(), "order-42", UUID.randomUUID().toString(), 1);

    assertThatThrownBy(() -> ordering.deliverEvent(poison))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("not decodable");
    assertThatThrownBy(() -> ordering.deliverEvent(badId))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("order_id must be a UUID");
    assertThat(
            ordering
                .db()
                .number("SELECT count(*) FROM inbox WHERE message_id = '" + poison.id() + "'"))
        .isZero();
  }

  @Test
  void an_event_ordering_does_not_need_is_passed_over_without_a_transaction() {
    Message started =
        Message.create(
            BasketsContract.BASKET_EVENTS,
            "baskets.BasketStarted",
            UUID.randomUUID().toString(),
            new byte[] {(byte) 0xff});

    ordering.deliverEvent(started);

    assertThat(
            ordering
                .db()
                .number("SELECT count(*) FROM inbox WHERE message_id = '" + started.id() + "'"))
        .isZero();
  }

  @Test
  void an_event_of_a_name_ordering_does_not_know_fails_so_it_ends_in_the_dead_letters() {
    Message unknown =
        Message.create(
            BasketsContract.BASKET_EVENTS,
            "baskets.BasketRenamed",
            UUID.randomUUID().toString(),
            new byte[0]);

    assertThatThrownBy(() -> ordering.deliverEvent(unknown))
        .hasMessageContaining("no handler for baskets.BasketRenamed");
    assertThat(
            ordering
                .db()
                .number("SELECT count(*) FROM inbox WHERE message_id = '" + unknown.id() + "'"))
        .isZero();
  }

  private OrderId readyOrder() {
    OrderId id = approvedOrder();
    ordering.app().readyOrder(new ReadyOrder(id)).await();
    return id;
  }

  private OrderId approvedOrder() {
    OrderId id = ordering.checkout(basketCheckedOut());
    ordering.runSaga(id);
    return id;
  }

  private static void refused(Future<?> command, String code, String message) {
    assertThatThrownBy(command::await)
        .isInstanceOfSatisfying(
            Conflict.class, conflict -> assertThat(conflict.code()).isEqualTo(code))
        .hasMessageContaining(message);
  }

  private static Message invoicePaid(
      String invoiceId, String orderId, String paymentId, double amount) {
    return Message.create(
        PaymentsContract.INVOICE_EVENTS,
        "payments.InvoicePaid",
        invoiceId,
        InvoicePaid.newBuilder()
            .setId(invoiceId)
            .setOrderId(orderId)
            .setPaymentId(paymentId)
            .setAmount(amount)
            .build()
            .toByteArray());
  }

  /** How many payment mismatches of {@code reason} were counted while this class ran. */
  private double mismatches(String reason) {
    Counter counter = meters.find("mallbots.payment.mismatches").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  private long deadLetters(String aggregateId) {
    return ordering
        .db()
        .number("SELECT count(*) FROM dead_letters WHERE aggregate_id = '" + aggregateId + "'");
  }

  /**
   * The reason the dead letter of {@code message} gives; fails if there is none, or more than one.
   */
  private String deadLetterReason(Message message) {
    var rows =
        ordering
            .db()
            .database()
            .pool()
            .query(
                "SELECT reason, topic, name, attempts FROM dead_letters "
                    + "WHERE message_id = '"
                    + message.id()
                    + "'")
            .execute()
            .await();
    assertThat(rows.size()).as("dead letters of " + message.id()).isEqualTo(1);
    var row = rows.iterator().next();
    assertThat(row.getString("topic")).isEqualTo(PaymentsContract.INVOICE_EVENTS);
    assertThat(row.getString("name")).isEqualTo("payments.InvoicePaid");
    assertThat(row.getInteger("attempts")).isEqualTo(1);
    return row.getString("reason");
  }
}
