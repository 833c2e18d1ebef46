package io.mallbots.notifications.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.PermissionDenied;
import io.mallbots.notifications.application.commands.NotifyOrder;
import io.mallbots.notifications.application.commands.RememberUser;
import io.mallbots.notifications.application.queries.GetNotifications;
import io.mallbots.notifications.domain.NoticePage;
import io.mallbots.notifications.domain.Notification;
import io.mallbots.notifications.domain.NotificationKind;
import io.mallbots.notifications.domain.OrderNotice;
import io.mallbots.notifications.domain.Recipient;
import io.mallbots.notifications.testing.NotificationsDatabase;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The use cases on real PostgreSQL, with users' API and the notifier stood in for by in-memory
 * ports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationsApplicationTest {

  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final Recipient ALICE = new Recipient("user-1", "alice", "alice@example.com");

  private NotificationsDatabase db;
  private final Directory directory = new Directory();
  private final SentNotifications sent = new SentNotifications();
  private NotificationsApplication app;

  @BeforeAll
  void start() {
    db = new NotificationsDatabase("notifications_app");
    app =
        new NotificationsApplication(
            db.database(),
            db.notifications(),
            db.users(),
            directory,
            sent,
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  void stop() {
    db.close();
  }

  @BeforeEach
  void reset() {
    db.empty();
    directory.users.clear();
    directory.calls.set(0);
    directory.down = false;
    sent.sent.clear();
    sent.broken = false;
  }

  @Test
  void a_cached_user_is_notified_without_asking_users() {
    db.inTransaction(tx -> app.rememberNewUser(tx, new RememberUser(ALICE)));

    app.notifyOrder(notify("order-1", NotificationKind.CREATED)).await();

    Notification expected =
        new Notification(
            "order-1",
            "user-1",
            NotificationKind.CREATED,
            "alice@example.com",
            "Hello alice, we received your order order-1.",
            NOW);
    assertThat(sent.sent).containsExactly(expected);
    assertThat(recorded("order-1", NotificationKind.CREATED)).contains(expected);
    assertThat(directory.calls).hasValue(0);
  }

  @Test
  void a_user_the_cache_misses_is_asked_of_users_once_and_then_cached() {
    directory.users.put("user-1", ALICE);

    app.notifyOrder(notify("order-1", NotificationKind.CREATED)).await();
    app.notifyOrder(notify("order-1", NotificationKind.READY)).await();

    assertThat(sent.sent)
        .extracting(Notification::recipient)
        .containsExactly("alice@example.com", "alice@example.com");
    assertThat(directory.calls).hasValue(1);
    assertThat(db.users().find("user-1").await()).contains(ALICE);
  }

  @Test
  void a_user_users_does_not_know_is_notified_by_id_only() {
    app.notifyOrder(notify("order-1", NotificationKind.CANCELED)).await();

    assertThat(recorded("order-1", NotificationKind.CANCELED))
        .get()
        .satisfies(
            n -> {
              assertThat(n.recipient()).isEqualTo("user:user-1");
              assertThat(n.text()).isEqualTo("Hello, your order order-1 was canceled.");
            });
    assertThat(db.users().find("user-1").await()).as("a stranger is not cached").isEmpty();
  }

  @Test
  void the_same_notice_twice_is_sent_and_recorded_once() {
    db.inTransaction(tx -> app.rememberNewUser(tx, new RememberUser(ALICE)));

    app.notifyOrder(notify("order-1", NotificationKind.READY)).await();
    app.notifyOrder(notify("order-1", NotificationKind.READY)).await();

    assertThat(sent.sent).hasSize(1);
    assertThat(db.number("SELECT count(*) FROM notifications")).isEqualTo(1);
  }

  @Test
  void users_being_unreachable_fails_the_notice_and_records_nothing() {
    directory.down = true;

    assertThatThrownBy(() -> app.notifyOrder(notify("order-1", NotificationKind.CREATED)).await())
        .hasMessageContaining("users is down");

    assertThat(sent.sent).isEmpty();
    assertThat(recorded("order-1", NotificationKind.CREATED)).isEmpty();
  }

  @Test
  void a_notification_that_could_not_be_sent_is_not_recorded_and_can_be_tried_again() {
    db.inTransaction(tx -> app.rememberNewUser(tx, new RememberUser(ALICE)));
    sent.broken = true;

    assertThatThrownBy(() -> app.notifyOrder(notify("order-1", NotificationKind.READY)).await())
        .hasMessageContaining("cannot send");
    assertThat(recorded("order-1", NotificationKind.READY)).isEmpty();

    sent.broken = false;
    app.notifyOrder(notify("order-1", NotificationKind.READY)).await();
    assertThat(recorded("order-1", NotificationKind.READY)).isPresent();
  }

  @Test
  void a_registration_does_not_overwrite_what_users_already_told_but_an_update_does() {
    db.inTransaction(tx -> app.rememberNewUser(tx, new RememberUser(ALICE)));

    db.inTransaction(
        tx ->
            app.rememberNewUser(tx, new RememberUser(new Recipient("user-1", "old", "old@x.org"))));
    assertThat(db.users().find("user-1").await()).contains(ALICE);

    Recipient renamed = new Recipient("user-1", "alicia", "alicia@example.com");
    db.inTransaction(tx -> app.refreshUser(tx, new RememberUser(renamed)));
    assertThat(db.users().find("user-1").await()).contains(renamed);
  }

  @Test
  void a_users_notices_page_newest_first_without_repeating_or_skipping_any() {
    // Two notices share an instant: order id, then kind, break the tie.
    List<Notification> mine =
        List.of(
            sentAt("order-1", NotificationKind.CREATED, NOW),
            sentAt("order-2", NotificationKind.CREATED, NOW.plusSeconds(60)),
            sentAt("order-1", NotificationKind.READY, NOW.plusSeconds(120)),
            sentAt("order-2", NotificationKind.READY, NOW.plusSeconds(120)),
            sentAt("order-1", NotificationKind.CANCELED, NOW.plusSeconds(180)));
    mine.forEach(n -> db.inTransaction(tx -> db.notifications().record(tx, n)));
    db.inTransaction(
        tx ->
            db.notifications()
                .record(
                    tx,
                    new Notification(
                        "order-3",
                        "user-2",
                        NotificationKind.CREATED,
                        "bob@example.com",
                        "not Alice's",
                        NOW.plusSeconds(240))));

    List<Notification> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String next = "";
    do {
      NoticePage page =
          app.notificationsOf(new GetNotifications(Actor.shopper("user-1"), "user-1", next, 2))
              .await();
      seen.addAll(page.notices());
      sizes.add(page.notices().size());
      next = page.next().map(cursor -> cursor.encode("user-1")).orElse("");
    } while (!next.isEmpty());

    assertThat(sizes).containsExactly(2, 2, 1);
    assertThat(seen)
        .containsExactly(mine.get(4), mine.get(3), mine.get(2), mine.get(1), mine.get(0));
  }

  @Test
  void the_default_page_is_20_notices() {
    for (int i = 0; i < 21; i++) {
      var n = sentAt("order-" + i, NotificationKind.CREATED, NOW.plusSeconds(i));
      db.inTransaction(tx -> db.notifications().record(tx, n));
    }

    NoticePage page =
        app.notificationsOf(new GetNotifications(Actor.SERVICE, "user-1", "", 0)).await();

    assertThat(page.notices())
        .hasSize(20)
        .first()
        .extracting(Notification::orderId)
        .isEqualTo("order-20");
    assertThat(page.next()).isPresent();
  }

  @Test
  void another_shopper_is_refused_a_users_notices_before_anything_is_read() {
    db.inTransaction(
        tx -> db.notifications().record(tx, sentAt("order-1", NotificationKind.CREATED, NOW)));

    assertThatThrownBy(
            () ->
                app.notificationsOf(new GetNotifications(Actor.shopper("user-2"), "user-1", "", 0))
                    .await())
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(
            () ->
                app.notificationsOf(new GetNotifications(Actor.shopper("user-1"), "user-1", "", -1))
                    .await())
        .isInstanceOf(Invalid.class);
    assertThat(
            app.notificationsOf(new GetNotifications(Actor.shopper("user-1"), "user-1", "", 0))
                .await()
                .notices())
        .extracting(Notification::orderId)
        .containsExactly("order-1");
  }

  private static Notification sentAt(String orderId, NotificationKind kind, Instant at) {
    return new Notification(orderId, "user-1", kind, "alice@example.com", kind + " " + orderId, at);
  }

  private Optional<Notification> recorded(String orderId, NotificationKind kind) {
    return db.notifications().find(orderId, kind).await();
  }

  private static NotifyOrder notify(String orderId, NotificationKind kind) {
    return new NotifyOrder(new OrderNotice(orderId, "user-1", kind));
  }

  /** Users' API in memory: counts the questions, can be down. */
  private static final class Directory implements UserDirectory {
    final Map<String, Recipient> users = new ConcurrentHashMap<>();
    final AtomicInteger calls = new AtomicInteger();
    volatile boolean down;

    @Override
    public Future<Optional<Recipient>> find(String userId) {
      calls.incrementAndGet();
      return down
          ? Future.failedFuture(new IllegalStateException("users is down"))
          : Future.succeededFuture(Optional.ofNullable(users.get(userId)));
    }
  }

  /** A notifier that keeps what it sent; can be broken. */
  private static final class SentNotifications implements Notifier {
    final List<Notification> sent = new CopyOnWriteArrayList<>();
    volatile boolean broken;

    @Override
    public Future<Void> send(Notification notification) {
      if (broken) {
        return Future.failedFuture(new IllegalStateException("cannot send"));
      }
      sent.add(notification);
      return Future.succeededFuture();
    }
  }
}
