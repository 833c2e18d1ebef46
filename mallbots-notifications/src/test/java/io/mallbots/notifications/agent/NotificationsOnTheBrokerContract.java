package io.mallbots.notifications.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.messaging.Message;
import io.mallbots.notifications.domain.NotificationKind;
import io.mallbots.notifications.testing.RunningNotifications;
import io.mallbots.ordering.v1.OrderCanceled;
import io.mallbots.ordering.v1.OrderCreated;
import io.mallbots.ordering.v1.OrderReadied;
import io.mallbots.users.v1.UserRegistered;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Notifications on a real broker, as ordering and users reach it: their events, published on their
 * topics, become recorded notifications and cached users; a poison event goes out to the
 * dead-letter topic while the events behind it keep flowing. Notifications publishes no events of
 * its own. Subclassed per broker, unchanged; ids are new in every run, since brokers keep what
 * earlier runs published.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NotificationsOnTheBrokerContract {

  private static final String ORDER_TOPIC = "mallbots.ordering.events.Order";
  private static final String USER_TOPIC = "mallbots.users.events.User";
  private RunningNotifications service;
  private List<Message> deadLetters;

  /** kafka, nats or memory. */
  abstract String eventServer();

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningNotifications.start(vertx, "notifications_" + eventServer(), eventServer());
    deadLetters = service.watch(ORDER_TOPIC + ".dlq");
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void an_order_s_created_readied_and_canceled_events_each_notify_its_user_once() {
    String orderId = UUID.randomUUID().toString();
    String userId = service.users().register("kim");

    service.publish(
        order(
            orderId,
            "ordering.OrderCreated",
            OrderCreated.newBuilder().setId(orderId).setUserId(userId).build().toByteArray()));
    service.publish(
        order(
            orderId,
            "ordering.OrderReadied",
            OrderReadied.newBuilder()
                .setId(orderId)
                .setUserId(userId)
                .setTotal(3)
                .build()
                .toByteArray()));
    Message canceled =
        order(
            orderId,
            "ordering.OrderCanceled",
            OrderCanceled.newBuilder().setId(orderId).setUserId(userId).build().toByteArray());
    service.publish(canceled);
    service.publish(canceled);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              for (NotificationKind kind : NotificationKind.values()) {
                assertThat(service.recorded(orderId, kind))
                    .as(kind.name())
                    .get()
                    .satisfies(n -> assertThat(n.recipient()).isEqualTo("kim@example.com"));
              }
            });
    assertThat(
            service.number("SELECT count(*) FROM notifications WHERE order_id = '" + orderId + "'"))
        .isEqualTo(3);
  }

  @Test
  void a_registered_user_reaches_the_cache_and_names_the_notice() {
    String userId = UUID.randomUUID().toString();
    String orderId = UUID.randomUUID().toString();

    service.publish(
        Message.create(
            USER_TOPIC,
            "users.UserRegistered",
            userId,
            UserRegistered.newBuilder()
                .setId(userId)
                .setUsername("lena")
                .setEmail("lena@example.com")
                .build()
                .toByteArray()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> service.userCache().find(userId).await().isPresent());
    service.publish(
        order(
            orderId,
            "ordering.OrderCreated",
            OrderCreated.newBuilder().setId(orderId).setUserId(userId).build().toByteArray()));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> service.recorded(orderId, NotificationKind.CREATED).isPresent());
    assertThat(service.recorded(orderId, NotificationKind.CREATED).get().text())
        .startsWith("Hello lena, ");
  }

  @Test
  void a_poison_order_event_goes_to_the_dead_letters_and_the_next_one_of_its_order_is_notified() {
    String orderId = UUID.randomUUID().toString();
    Message poison = order(orderId, "ordering.OrderReadied", new byte[] {0x0a, 0x7f});

    service.publish(poison);
    service.publish(
        order(
            orderId,
            "ordering.OrderCanceled",
            OrderCanceled.newBuilder()
                .setId(orderId)
                .setUserId(service.users().register("max"))
                .build()
                .toByteArray()));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> deadLetters.stream().anyMatch(m -> m.id().equals(poison.id())));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> service.recorded(orderId, NotificationKind.CANCELED).isPresent());
    assertThat(service.recorded(orderId, NotificationKind.READY)).isEmpty();
  }

  private static Message order(String orderId, String name, byte[] payload) {
    return Message.create(ORDER_TOPIC, name, orderId, payload);
  }
}
