package io.mallbots.notifications.ports.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.messaging.Message;
import io.mallbots.notifications.domain.NotificationKind;
import io.mallbots.notifications.testing.RunningNotifications;
import io.mallbots.ordering.v1.OrderApproved;
import io.mallbots.ordering.v1.OrderCanceled;
import io.mallbots.ordering.v1.OrderCompleted;
import io.mallbots.ordering.v1.OrderCreated;
import io.mallbots.ordering.v1.OrderReadied;
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
 * Ordering's events on mallbots.ordering.events.Order: OrderCreated, OrderReadied and OrderCanceled
 * each notify the user once and are acknowledged (the original's handlers failed, so they were
 * redelivered until dropped); the other order events are passed over; an undecodable one ends in
 * the dead letters.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderEventsTest {

  private static final String ORDER_TOPIC = "mallbots.ordering.events.Order";
  private RunningNotifications service;
  private List<Message> deadLetters;
  private String orderId;
  private String userId;

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningNotifications.start(vertx, "notifications_orders", "memory");
    deadLetters = service.watch(ORDER_TOPIC + ".dlq");
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @BeforeEach
  void newOrder() {
    orderId = UUID.randomUUID().toString();
    userId = service.users().register("frank");
  }

  @Test
  void a_created_order_is_notified_once_and_acknowledged() {
    service.handled(created());

    assertThat(service.recorded(orderId, NotificationKind.CREATED))
        .get()
        .satisfies(
            n -> {
              assertThat(n.userId()).isEqualTo(userId);
              assertThat(n.recipient()).isEqualTo("frank@example.com");
              assertThat(n.text())
                  .isEqualTo("Hello frank, we received your order " + orderId + ".");
            });
    assertThat(notifications()).isEqualTo(1);
  }

  @Test
  void a_readied_order_is_notified_once_and_acknowledged() {
    service.handled(
        message(
            "ordering.OrderReadied",
            OrderReadied.newBuilder()
                .setId(orderId)
                .setUserId(userId)
                .setPaymentId("payment-1")
                .setTotal(12.5)
                .build()
                .toByteArray()));

    assertThat(service.recorded(orderId, NotificationKind.READY))
        .get()
        .satisfies(
            n ->
                assertThat(n.text())
                    .isEqualTo("Hello frank, your order " + orderId + " is ready for pick-up."));
    assertThat(notifications()).isEqualTo(1);
  }

  @Test
  void a_canceled_order_is_notified_once_and_acknowledged() {
    service.handled(
        message(
            "ordering.OrderCanceled",
            OrderCanceled.newBuilder().setId(orderId).setUserId(userId).build().toByteArray()));

    assertThat(service.recorded(orderId, NotificationKind.CANCELED))
        .get()
        .satisfies(
            n ->
                assertThat(n.text())
                    .isEqualTo("Hello frank, your order " + orderId + " was canceled."));
    assertThat(notifications()).isEqualTo(1);
  }

  @Test
  void an_event_delivered_twice_is_notified_once() {
    Message created = created();

    service.publish(created);
    service.handled(created);
    service.handled(
        created()); // the same fact in a new envelope, e.g. republished by ordering's outbox

    assertThat(notifications()).isEqualTo(1);
    assertThat(
            service.number("SELECT count(*) FROM inbox WHERE message_id = '" + created.id() + "'"))
        .isEqualTo(1);
  }

  @Test
  void other_order_events_are_passed_over_without_an_inbox_record() {
    List<Message> passedOver =
        List.of(
            message(
                "ordering.OrderApproved",
                OrderApproved.newBuilder().setId(orderId).setUserId(userId).build().toByteArray()),
            message(
                "ordering.OrderCompleted",
                OrderCompleted.newBuilder()
                    .setId(orderId)
                    .setUserId(userId)
                    .build()
                    .toByteArray()));
    passedOver.forEach(service::publish);

    // The topic delivers an order's events in order: once this one is handled, the two before it
    // were too.
    service.handled(
        message(
            "ordering.OrderCanceled",
            OrderCanceled.newBuilder().setId(orderId).setUserId(userId).build().toByteArray()));

    assertThat(passedOver).noneMatch(service::taken);
    assertThat(notifications()).isEqualTo(1);
    assertThat(service.recorded(orderId, NotificationKind.CANCELED)).isPresent();
  }

  @Test
  void a_user_users_does_not_know_is_notified_by_id_and_the_event_acknowledged() {
    userId = UUID.randomUUID().toString();

    service.handled(created());

    assertThat(service.recorded(orderId, NotificationKind.CREATED))
        .get()
        .satisfies(n -> assertThat(n.recipient()).isEqualTo("user:" + userId));
  }

  @Test
  void users_answering_late_delays_the_notice_until_a_retry() {
    service.users().silent(true);
    int before = service.users().calls();
    Message created = created();
    service.publish(created);
    await().atMost(Duration.ofSeconds(10)).until(() -> service.users().calls() > before);

    service.users().silent(false);

    service.handled(created);
    assertThat(service.recorded(orderId, NotificationKind.CREATED)).isPresent();
  }

  @Test
  void an_event_whose_user_users_never_answers_for_ends_in_the_dead_letters() {
    service.users().silent(true);
    try {
      Message created = created();
      service.publish(created);

      deadLettered(created);
      assertThat(notifications()).isZero();
    } finally {
      service.users().silent(false);
    }
  }

  @Test
  void an_undecodable_order_event_ends_in_the_dead_letters_with_no_effect() {
    Message poison = message("ordering.OrderCreated", new byte[] {0x0a, 0x7f, 0x01});

    service.publish(poison);

    deadLettered(poison);
    assertThat(notifications()).isZero();
  }

  @Test
  void an_order_event_without_a_user_ends_in_the_dead_letters() {
    Message noUser =
        message(
            "ordering.OrderCreated",
            OrderCreated.newBuilder().setId(orderId).build().toByteArray());

    service.publish(noUser);

    deadLettered(noUser);
  }

  private void deadLettered(Message event) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> deadLetters.stream().anyMatch(m -> m.id().equals(event.id())));
    assertThat(service.taken(event)).isFalse();
  }

  private long notifications() {
    return service.number("SELECT count(*) FROM notifications WHERE order_id = '" + orderId + "'");
  }

  private Message created() {
    return message(
        "ordering.OrderCreated",
        OrderCreated.newBuilder()
            .setId(orderId)
            .setUserId(userId)
            .setPaymentId("payment-1")
            .setTotal(12.5)
            .build()
            .toByteArray());
  }

  private Message message(String name, byte[] payload) {
    return Message.create(ORDER_TOPIC, name, orderId, payload);
  }
}
