package io.mallbots.notifications.ports.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.messaging.Message;
import io.mallbots.notifications.domain.NotificationKind;
import io.mallbots.notifications.domain.Recipient;
import io.mallbots.notifications.testing.RunningNotifications;
import io.mallbots.notifications.v1.NotifyOrderReadyRequest;
import io.mallbots.users.v1.UserDisabled;
import io.mallbots.users.v1.UserRegistered;
import io.mallbots.users.v1.UserUpdated;
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
 * Users' events on mallbots.users.events.User keep the user cache, so notices need no call to
 * users.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserEventsTest {

  private static final String USER_TOPIC = "mallbots.users.events.User";
  private RunningNotifications service;
  private List<Message> deadLetters;
  private String userId;

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningNotifications.start(vertx, "notifications_users", "memory");
    deadLetters = service.watch(USER_TOPIC + ".dlq");
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @BeforeEach
  void newUser() {
    userId =
        UUID.randomUUID().toString(); // unknown to the stand-in users service: only the events tell
  }

  @Test
  void a_registered_user_is_cached_and_notified_by_name_without_asking_users() {
    service.handled(registered("gina"));
    int calls = service.users().calls();

    String orderId = UUID.randomUUID().toString();
    service
        .grpc()
        .notifyOrderReady(
            NotifyOrderReadyRequest.newBuilder().setOrderId(orderId).setUserId(userId).build())
        .await();

    assertThat(service.recorded(orderId, NotificationKind.READY))
        .get()
        .satisfies(
            n -> {
              assertThat(n.recipient()).isEqualTo("gina@example.com");
              assertThat(n.text()).startsWith("Hello gina, ");
            });
    assertThat(service.users().calls()).isEqualTo(calls);
  }

  @Test
  void an_updated_user_replaces_the_cached_copy() {
    service.handled(registered("hank"));

    service.handled(
        message(
            "users.UserUpdated",
            UserUpdated.newBuilder()
                .setId(userId)
                .setUsername("henry")
                .setEmail("henry@example.com")
                .setBio("new bio")
                .build()
                .toByteArray()));

    assertThat(service.userCache().find(userId).await())
        .contains(new Recipient(userId, "henry", "henry@example.com"));
  }

  @Test
  void a_registration_delivered_twice_is_cached_once() {
    Message registered = registered("ivy");
    service.publish(registered);
    service.handled(registered);

    assertThat(service.number("SELECT count(*) FROM user_cache WHERE user_id = '" + userId + "'"))
        .isEqualTo(1);
  }

  @Test
  void other_user_events_are_passed_over_without_an_inbox_record() {
    service.handled(registered("jo"));
    Message disabled =
        message(
            "users.UserDisabled", UserDisabled.newBuilder().setId(userId).build().toByteArray());
    service.publish(disabled);

    // The topic delivers a user's events in order: once this one is handled, the one before it was
    // too.
    service.handled(
        message(
            "users.UserUpdated",
            UserUpdated.newBuilder()
                .setId(userId)
                .setUsername("joe")
                .setEmail("joe@example.com")
                .build()
                .toByteArray()));

    assertThat(service.taken(disabled)).isFalse();
    assertThat(service.userCache().find(userId).await())
        .contains(new Recipient(userId, "joe", "joe@example.com"));
  }

  @Test
  void an_undecodable_user_event_ends_in_the_dead_letters() {
    Message poison = message("users.UserRegistered", new byte[] {0x12, 0x7f});

    service.publish(poison);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> deadLetters.stream().anyMatch(m -> m.id().equals(poison.id())));
    assertThat(service.userCache().find(userId).await()).isEmpty();
  }

  private Message registered(String name) {
    return message(
        "users.UserRegistered",
        UserRegistered.newBuilder()
            .setId(userId)
            .setUsername(name)
            .setEmail(name + "@example.com")
            .build()
            .toByteArray());
  }

  private Message message(String name, byte[] payload) {
    return Message.create(USER_TOPIC, name, userId, payload);
  }
}
