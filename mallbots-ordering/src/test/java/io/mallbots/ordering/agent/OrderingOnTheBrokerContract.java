package io.mallbots.ordering.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.baskets.v1.BasketCheckedOut;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.ordering.testing.FakeResponders;
import io.mallbots.ordering.testing.OrderingInProcess;
import io.mallbots.ordering.testing.RunningOrdering;
import io.mallbots.ordering.v1.CancelOrderRequest;
import io.mallbots.ordering.v1.Order;
import io.mallbots.ordering.v1.OrderApproved;
import io.mallbots.ordering.v1.OrderCompleted;
import io.mallbots.ordering.v1.OrderCreated;
import io.mallbots.ordering.v1.OrderReadied;
import io.mallbots.ordering.v1.OrderRejected;
import io.mallbots.ordering.v1.OrderStatus;
import io.mallbots.ordering.v1.ReadyOrderRequest;
import io.mallbots.payments.v1.ReleasePayment;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ordering on a real broker, as baskets, users, payments, notifications and search meet it: a
 * BasketCheckedOut published on baskets' topic becomes an order whose saga runs over the broker
 * against stand-in users and payments; the order's events leave on {@code
 * mallbots.ordering.events.Order}, keyed by the order, with every field consumers read; InvoicePaid
 * completes the order when it pays it, and is dead-lettered at once when not; a saga survives a
 * restart of ordering; a poison checkout goes to the dead letters while the rest keep flowing.
 * Subclassed per broker, unchanged; ids are new in every run, since brokers keep what earlier runs
 * published.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrderingOnTheBrokerContract {

  private static final String ORDER_TOPIC = "mallbots.ordering.events.Order";
  private static final String BASKET_TOPIC = "mallbots.baskets.events.Basket";
  private RunningOrdering service;
  private FakeResponders responders;
  private List<Message> published;
  private List<Message> deadLetters;
  private List<Message> invoiceDeadLetters;

  /** kafka, nats or memory. */
  abstract String eventServer();

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningOrdering.start(vertx, "ordering_" + eventServer(), eventServer());
    responders = FakeResponders.on(service.observer());
    published = service.watch(ORDER_TOPIC);
    deadLetters = service.watch(BASKET_TOPIC + ".dlq");
    invoiceDeadLetters = service.watch("mallbots.payments.events.Invoice.dlq");
  }

  @BeforeEach
  void agreeable() {
    responders.agreeToEverything();
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void a_checkout_ends_approved_and_its_events_carry_what_consumers_read() throws Exception {
    Message checkout = OrderingInProcess.basketCheckedOut();
    BasketCheckedOut basket = BasketCheckedOut.parseFrom(checkout.payload());

    service.publish(checkout);

    String id = service.orderOfBasket(basket.getId());
    Order order = service.awaitStatus(id, OrderStatus.ORDER_STATUS_APPROVED);
    assertThat(id).isNotEqualTo(basket.getId());
    assertThat(order.getTotal()).isEqualTo(15.0);
    List<Message> events = eventsOf(id, 2);
    assertThat(events)
        .extracting(Message::name)
        .containsExactly("ordering.OrderCreated", "ordering.OrderApproved");
    OrderCreated created = OrderCreated.parseFrom(events.get(0).payload());
    assertThat(created)
        .isEqualTo(
            OrderCreated.newBuilder()
                .setId(id)
                .setUserId(basket.getUserId())
                .setPaymentId(basket.getPaymentId())
                .setBasketId(basket.getId())
                .setTotal(15.0)
                .addAllItems(
                    basket.getItemsList().stream()
                        .map(
                            item ->
                                OrderCreated.Item.newBuilder()
                                    .setProductId(item.getProductId())
                                    .setStoreId(item.getStoreId())
                                    .setProductName(item.getProductName())
                                    .setStoreName(item.getStoreName())
                                    .setPrice(item.getPrice())
                                    .setQuantity(item.getQuantity())
                                    .build())
                        .toList())
                .setVersion(1)
                .build());
    assertThat(OrderApproved.parseFrom(events.get(1).payload()))
        .isEqualTo(
            OrderApproved.newBuilder()
                .setId(id)
                .setUserId(basket.getUserId())
                .setPaymentId(basket.getPaymentId())
                .setVersion(2)
                .build());
  }

  @Test
  void a_refused_payment_ends_rejected_with_payments_code() throws Exception {
    responders.refuse("payments.ConfirmPayment", "PAYMENT_AMOUNT_MISMATCH");
    Message checkout = OrderingInProcess.basketCheckedOut();

    service.publish(checkout);

    String id = service.orderOfBasket(checkout.aggregateId());
    service.awaitStatus(id, OrderStatus.ORDER_STATUS_REJECTED);
    List<Message> events = eventsOf(id, 2);
    assertThat(events)
        .extracting(Message::name)
        .containsExactly("ordering.OrderCreated", "ordering.OrderRejected");
    assertThat(OrderRejected.parseFrom(events.get(1).payload()).getCode())
        .isEqualTo("PAYMENT_AMOUNT_MISMATCH");
  }

  @Test
  void a_refused_user_ends_rejected_without_asking_payments() {
    responders.refuse("users.AuthorizeUser", "USER_DISABLED");
    Message checkout = OrderingInProcess.basketCheckedOut();

    service.publish(checkout);

    String id = service.orderOfBasket(checkout.aggregateId());
    service.awaitStatus(id, OrderStatus.ORDER_STATUS_REJECTED);
    assertThat(responders.received())
        .noneMatch(c -> c.aggregateId().equals(id) && c.name().equals("payments.ConfirmPayment"));
  }

  @Test
  void a_readied_order_goes_out_for_invoicing_and_invoice_paid_completes_it() throws Exception {
    String id = readiedOrder();
    String invoice = UUID.randomUUID().toString();
    service.publish(invoicePaid(invoice, id, service.order(id).getPaymentId(), 15.0));

    assertThat(service.awaitStatus(id, OrderStatus.ORDER_STATUS_COMPLETED).getInvoiceId())
        .isEqualTo(invoice);
    List<Message> events = eventsOf(id, 4);
    assertThat(OrderReadied.parseFrom(events.get(2).payload()).getTotal()).isEqualTo(15.0);
    assertThat(OrderCompleted.parseFrom(events.get(3).payload()).getInvoiceId()).isEqualTo(invoice);
  }

  /**
   * Payments' CreateInvoice takes any order id: an invoice of an order ordering never made is no
   * poison.
   */
  @Test
  void an_invoice_paid_for_an_unknown_order_is_acknowledged_and_the_next_one_completes_its_order() {
    String id = readiedOrder();
    String invoice = UUID.randomUUID().toString();

    // One key: handled in this order, so the order is complete only after the unknown one was.
    service.publish(
        invoicePaid(invoice, UUID.randomUUID().toString(), UUID.randomUUID().toString(), 15.0));
    service.publish(invoicePaid(invoice, id, service.order(id).getPaymentId(), 15.0));

    service.awaitStatus(id, OrderStatus.ORDER_STATUS_COMPLETED);
    assertThat(
            service.number(
                "SELECT count(*) FROM dead_letters WHERE aggregate_id = '" + invoice + "'"))
        .isZero();
  }

  @Test
  void
      an_invoice_paid_for_another_amount_is_dead_lettered_at_once_and_the_order_waits_for_its_own() {
    String id = readiedOrder();
    String payment = service.order(id).getPaymentId();
    String invoice = UUID.randomUUID().toString();
    Message underpaid = invoicePaid(invoice, id, payment, 14.99);

    // One key: the matching one is handled after the mismatch, which neither completes nor holds up
    // the order.
    service.publish(underpaid);
    service.publish(invoicePaid(invoice, id, payment, 15.0));

    service.awaitStatus(id, OrderStatus.ORDER_STATUS_COMPLETED);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> invoiceDeadLetters.stream().anyMatch(m -> m.id().equals(underpaid.id())));
    Message letter =
        invoiceDeadLetters.stream()
            .filter(m -> m.id().equals(underpaid.id()))
            .findFirst()
            .orElseThrow();
    assertThat(letter.metadata(Metadata.DEAD_LETTER_REASON)).startsWith("INVOICE_AMOUNT_MISMATCH");
    assertThat(letter.metadata(Metadata.ATTEMPTS)).isEqualTo("1");
    assertThat(
            service.number(
                "SELECT count(*) FROM dead_letters WHERE message_id = '"
                    + underpaid.id()
                    + "' AND attempts = 1 AND reason LIKE 'INVOICE_AMOUNT_MISMATCH%'"))
        .isEqualTo(1);
  }

  @Test
  void a_saga_survives_a_restart_of_ordering_and_resumes() {
    responders.hold();
    Message checkout = OrderingInProcess.basketCheckedOut();
    service.publish(checkout);
    String id = service.orderOfBasket(checkout.aggregateId());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                responders.received().stream()
                    .anyMatch(
                        c -> c.aggregateId().equals(id) && c.name().equals("users.AuthorizeUser")));

    service.stopService();
    responders.answerHeld(); // users answers while ordering is down
    service.startAgain();

    service.awaitStatus(id, OrderStatus.ORDER_STATUS_APPROVED);
    assertThat(eventsOf(id, 2))
        .extracting(Message::name)
        .containsExactly("ordering.OrderCreated", "ordering.OrderApproved");
  }

  @Test
  void a_poison_checkout_goes_to_the_dead_letters_and_the_next_checkout_is_ordered() {
    Message poison =
        Message.create(
            BASKET_TOPIC,
            "baskets.BasketCheckedOut",
            UUID.randomUUID().toString(),
            new byte[] {0x0a, 0x7f});
    Message next = OrderingInProcess.basketCheckedOut();

    service.publish(poison);
    service.publish(next);

    service.awaitStatus(
        service.orderOfBasket(next.aggregateId()), OrderStatus.ORDER_STATUS_APPROVED);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> deadLetters.stream().anyMatch(m -> m.id().equals(poison.id())));
  }

  @Test
  void an_order_canceled_after_its_payment_was_confirmed_has_the_payment_released()
      throws Exception {
    responders.hold("payments.ConfirmPayment");
    Message checkout = OrderingInProcess.basketCheckedOut();
    BasketCheckedOut basket = BasketCheckedOut.parseFrom(checkout.payload());
    service.publish(checkout);
    String id = service.orderOfBasket(basket.getId());
    awaitCommand(id, "payments.ConfirmPayment");

    // Payments confirms; before its reply reaches the saga, the shopper cancels: approval (step 3)
    // fails.
    service.grpc().cancelOrder(CancelOrderRequest.newBuilder().setId(id).build()).await();
    responders.answerHeld();

    Message release = awaitCommand(id, "payments.ReleasePayment");
    assertThat(ReleasePayment.parseFrom(release.payload()))
        .isEqualTo(ReleasePayment.newBuilder().setId(basket.getPaymentId()).setOrderId(id).build());
    assertThat(release.metadata())
        .containsEntry(Metadata.REPLY_TO, "mallbots.ordering.replies.CreateOrder")
        .containsEntry(Metadata.SAGA_ID, id);
    service.awaitStatus(id, OrderStatus.ORDER_STATUS_CANCELED);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                service.number(
                        "SELECT count(*) FROM saga_instances WHERE saga_id = '"
                            + id
                            + "' AND outcome = 'COMPENSATED'")
                    == 1);
  }

  @Test
  void a_step_whose_reply_never_comes_is_sent_again_then_compensated_and_the_order_rejected()
      throws Exception {
    responders.ignore("payments.ConfirmPayment"); // every reply lost
    Message checkout = OrderingInProcess.basketCheckedOut();
    BasketCheckedOut basket = BasketCheckedOut.parseFrom(checkout.payload());
    service.publish(checkout);
    String id = service.orderOfBasket(basket.getId());

    service.awaitStatus(id, OrderStatus.ORDER_STATUS_REJECTED);

    List<Message> confirms = commands(id, "payments.ConfirmPayment");
    assertThat(confirms).hasSize(3);
    assertThat(confirms.subList(1, 3))
        .allSatisfy(
            again -> {
              assertThat(again.id()).isNotEqualTo(confirms.get(0).id());
              assertThat(again.metadata()).containsEntry(Metadata.REPLAY_OF, confirms.get(0).id());
              assertThat(again.payload()).isEqualTo(confirms.get(0).payload());
            });
    // The payment may have been confirmed with only the reply lost: it is released before the order
    // is rejected.
    assertThat(
            ReleasePayment.parseFrom(awaitCommand(id, "payments.ReleasePayment").payload()).getId())
        .isEqualTo(basket.getPaymentId());
    List<Message> events = eventsOf(id, 2);
    assertThat(events)
        .extracting(Message::name)
        .containsExactly("ordering.OrderCreated", "ordering.OrderRejected");
    assertThat(OrderRejected.parseFrom(events.get(1).payload()).getCode())
        .isEqualTo("STEP_TIMED_OUT");
  }

  /**
   * The first command named {@code name} the stand-ins received for order {@code id}, once there is
   * one.
   */
  private Message awaitCommand(String id, String name) {
    await().atMost(Duration.ofSeconds(30)).until(() -> !commands(id, name).isEmpty());
    return commands(id, name).get(0);
  }

  private List<Message> commands(String id, String name) {
    return responders.received().stream()
        .filter(c -> c.aggregateId().equals(id) && c.name().equals(name))
        .toList();
  }

  /** A checked-out basket's order, approved and then readied by its store. */
  private String readiedOrder() {
    Message checkout = OrderingInProcess.basketCheckedOut();
    service.publish(checkout);
    String id = service.orderOfBasket(checkout.aggregateId());
    service.awaitStatus(id, OrderStatus.ORDER_STATUS_APPROVED);
    service.grpc().readyOrder(ReadyOrderRequest.newBuilder().setId(id).build()).await();
    return id;
  }

  private static Message invoicePaid(
      String invoice, String orderId, String paymentId, double amount) {
    return RunningOrdering.invoicePaid(invoice, orderId, paymentId, amount);
  }

  /**
   * The first {@code count} events about {@code orderId}, in arrival order, once they are all here.
   */
  private List<Message> eventsOf(String orderId, int count) {
    await().atMost(Duration.ofSeconds(30)).until(() -> about(orderId).size() >= count);
    return about(orderId).subList(0, count);
  }

  private List<Message> about(String orderId) {
    return published.stream().filter(m -> m.aggregateId().equals(orderId)).toList();
  }
}
