package io.mallbots.search.ports.handlers;

import static io.mallbots.search.testing.Events.ORDER_TOPIC;
import static io.mallbots.search.testing.Events.approved;
import static io.mallbots.search.testing.Events.canceled;
import static io.mallbots.search.testing.Events.completed;
import static io.mallbots.search.testing.Events.created;
import static io.mallbots.search.testing.Events.item;
import static io.mallbots.search.testing.Events.readied;
import static io.mallbots.search.testing.Events.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.core.domain.Money;
import io.mallbots.core.messaging.Message;
import io.mallbots.ordering.v1.OrderCreated;
import io.mallbots.search.domain.OrderItem;
import io.mallbots.search.domain.OrderStatus;
import io.mallbots.search.domain.OrderView;
import io.mallbots.search.testing.Events;
import io.mallbots.search.testing.RunningSearch;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ordering's events on mallbots.ordering.events.Order, group search-orders: OrderCreated records
 * the order, the others move its status forward only, whatever order they come in and however
 * often; an undecodable or incomplete event ends in the dead letters; events search does not need
 * are acknowledged untouched.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderEventsTest {

  private static final Instant AT = Instant.parse("2024-05-01T10:15:30.123456Z");

  private RunningSearch service;
  private List<Message> deadLetters;
  private String orderId;

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningSearch.start(vertx, "search_order_events", "memory");
    deadLetters = service.watch(ORDER_TOPIC + ".dlq");
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @BeforeEach
  void newOrder() {
    orderId = UUID.randomUUID().toString();
  }

  @Test
  void a_created_order_is_recorded_pending_with_its_items_total_and_time() {
    service.handled(
        created(orderId, "user-1", AT, item("store-1", "product-1"), item("store-2", "product-2")));

    OrderView order = order();
    assertThat(order.userId()).isEqualTo("user-1");
    assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(order.total()).isEqualTo(Money.of("5.00"));
    assertThat(order.createdAt()).isEqualTo(AT);
    assertThat(order.items())
        .extracting(OrderItem::productId, OrderItem::productName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("product-1", "basket name of product-1"),
            org.assertj.core.groups.Tuple.tuple("product-2", "basket name of product-2"));
  }

  @Test
  void the_status_follows_the_order_through_its_life() {
    service.handled(created(orderId, "user-1", AT), approved(orderId));
    assertThat(order().status()).isEqualTo(OrderStatus.APPROVED);

    service.handled(readied(orderId));
    assertThat(order().status()).isEqualTo(OrderStatus.READY);

    service.handled(completed(orderId));
    assertThat(order().status()).isEqualTo(OrderStatus.COMPLETED);
  }

  @Test
  void a_rejected_and_a_canceled_order_show_so() {
    String other = UUID.randomUUID().toString();

    service.handled(
        created(orderId, "user-1", AT),
        rejected(orderId),
        created(other, "user-1", AT),
        canceled(other));

    assertThat(order().status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(service.order(other).orElseThrow().status()).isEqualTo(OrderStatus.CANCELED);
  }

  @Test
  void a_status_heard_before_its_order_is_kept_until_the_order_arrives() {
    service.handled(approved(orderId), readied(orderId));
    assertThat(service.order(orderId)).isEmpty();

    service.handled(created(orderId, "user-1", AT, item("store-1", "product-1")));

    assertThat(order().status()).isEqualTo(OrderStatus.READY);
    assertThat(order().items()).hasSize(1);
  }

  @Test
  void a_status_redelivered_late_does_not_take_the_order_back() {
    Message approved = approved(orderId);
    service.handled(created(orderId, "user-1", AT), approved, readied(orderId), completed(orderId));

    service.handled(approved(orderId), readied(orderId)); // the same facts again, in new envelopes

    assertThat(order().status()).isEqualTo(OrderStatus.COMPLETED);
  }

  @Test
  void an_event_delivered_twice_has_one_effect() {
    Message created = created(orderId, "user-1", AT, item("store-1", "product-1"));

    service.publish(created);
    service.handled(created);
    service.handled(created(orderId, "user-2", AT.plusSeconds(9), item("store-9", "product-9")));

    assertThat(order().userId()).isEqualTo("user-1");
    assertThat(
            service.number("SELECT count(*) FROM order_items WHERE order_id = '" + orderId + "'"))
        .isEqualTo(1);
    assertThat(
            service.number("SELECT count(*) FROM inbox WHERE message_id = '" + created.id() + "'"))
        .isEqualTo(1);
  }

  @Test
  void an_order_event_of_a_name_search_does_not_know_ends_in_the_dead_letters_with_no_effect() {
    Message unknown =
        Message.create(ORDER_TOPIC, "ordering.OrderSomethingNew", orderId, new byte[] {1, 2, 3});

    service.publish(unknown);

    service.deadLettered(deadLetters, unknown);
    assertThat(service.number("SELECT count(*) FROM orders WHERE order_id = '" + orderId + "'"))
        .isZero();
  }

  @Test
  void an_undecodable_order_event_ends_in_the_dead_letters_with_no_effect() {
    Message poison =
        Message.create(
            ORDER_TOPIC, "ordering.OrderCreated", orderId, new byte[] {0x0a, 0x7f, 0x01});

    service.publish(poison);

    service.deadLettered(deadLetters, poison);
    assertThat(service.order(orderId)).isEmpty();
  }

  @Test
  void an_order_without_a_user_or_with_a_price_that_is_no_number_ends_in_the_dead_letters() {
    Message noUser =
        Events.envelope(
            ORDER_TOPIC,
            "ordering.OrderCreated",
            orderId,
            OrderCreated.newBuilder().setId(orderId).build());
    Message nanPrice =
        Events.envelope(
            ORDER_TOPIC,
            "ordering.OrderCreated",
            orderId,
            OrderCreated.newBuilder()
                .setId(orderId)
                .setUserId("user-1")
                .addItems(item("store-1", "product-1").toBuilder().setPrice(Double.NaN))
                .build());

    service.publish(noUser);
    service.publish(nanPrice);

    service.deadLettered(deadLetters, noUser);
    service.deadLettered(deadLetters, nanPrice);
    assertThat(service.order(orderId)).isEmpty();
  }

  @Test
  void a_status_event_without_an_order_id_ends_in_the_dead_letters() {
    Message noId = approved("");

    service.publish(noId);

    service.deadLettered(deadLetters, noId);
  }

  private OrderView order() {
    return service.order(orderId).orElseThrow();
  }
}
