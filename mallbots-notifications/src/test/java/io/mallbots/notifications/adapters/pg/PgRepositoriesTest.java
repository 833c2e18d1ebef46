package io.mallbots.notifications.adapters.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.notifications.domain.Notification;
import io.mallbots.notifications.domain.NotificationKind;
import io.mallbots.notifications.domain.Recipient;
import io.mallbots.notifications.testing.NotificationsDatabase;
import io.vertx.pgclient.PgException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** PgNotifications and PgUserCache on real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgRepositoriesTest {

  private static final Instant SENT = Instant.now().truncatedTo(ChronoUnit.MICROS);
  private NotificationsDatabase db;
  private PgNotifications notifications;
  private PgUserCache users;

  @BeforeAll
  void migrate() {
    db = new NotificationsDatabase("notifications_pg");
    notifications = db.notifications();
    users = db.users();
  }

  @AfterAll
  void drop() {
    db.close();
  }

  @BeforeEach
  void empty() {
    db.empty();
  }

  @Test
  void a_notification_round_trips() {
    Notification ready = notification("order-1", NotificationKind.READY, "Hello alice, ready.");

    assertThat(db.<Boolean>inTransaction(tx -> notifications.record(tx, ready))).isTrue();

    assertThat(notifications.find("order-1", NotificationKind.READY).await()).contains(ready);
    assertThat(notifications.find("order-1", NotificationKind.CREATED).await()).isEmpty();
    assertThat(
            db.<Boolean>inTransaction(
                tx -> notifications.recorded(tx, "order-1", NotificationKind.READY)))
        .isTrue();
    assertThat(
            db.<Boolean>inTransaction(
                tx -> notifications.recorded(tx, "order-1", NotificationKind.CANCELED)))
        .isFalse();
  }

  @Test
  void an_order_keeps_its_first_notification_of_a_kind() {
    Notification first = notification("order-1", NotificationKind.CREATED, "first");
    db.inTransaction(tx -> notifications.record(tx, first));

    boolean again =
        db.inTransaction(
            tx ->
                notifications.record(
                    tx, notification("order-1", NotificationKind.CREATED, "second")));

    assertThat(again).isFalse();
    assertThat(notifications.find("order-1", NotificationKind.CREATED).await()).contains(first);
  }

  @Test
  void an_order_has_one_notification_of_each_kind() {
    for (NotificationKind kind : NotificationKind.values()) {
      db.inTransaction(tx -> notifications.record(tx, notification("order-1", kind, kind.name())));
    }

    assertThat(db.number("SELECT count(*) FROM notifications WHERE order_id = 'order-1'"))
        .isEqualTo(3);
  }

  @Test
  void a_notification_rolled_back_is_not_recorded() {
    Notification created = notification("order-1", NotificationKind.CREATED, "text");

    assertThatThrownBy(
            () ->
                db.inTransaction(
                    tx ->
                        notifications
                            .record(tx, created)
                            .compose(recorded -> tx.connection().query("SELECT 1/0").execute())))
        .isInstanceOf(PgException.class);

    assertThat(notifications.find("order-1", NotificationKind.CREATED).await()).isEmpty();
  }

  @Test
  void adding_a_user_keeps_the_copy_already_cached() {
    db.inTransaction(tx -> users.add(tx, new Recipient("user-1", "alice", "alice@example.com")));

    db.inTransaction(tx -> users.add(tx, new Recipient("user-1", "old", "old@example.com")));

    assertThat(users.find("user-1").await())
        .contains(new Recipient("user-1", "alice", "alice@example.com"));
  }

  @Test
  void putting_a_user_replaces_the_cached_copy() {
    db.inTransaction(tx -> users.add(tx, new Recipient("user-1", "alice", "alice@example.com")));

    db.inTransaction(tx -> users.put(tx, new Recipient("user-1", "alicia", "alicia@example.com")));
    db.inTransaction(tx -> users.put(tx, new Recipient("user-2", "bob", "bob@example.com")));

    assertThat(users.find("user-1").await())
        .contains(new Recipient("user-1", "alicia", "alicia@example.com"));
    assertThat(users.find("user-2").await())
        .contains(new Recipient("user-2", "bob", "bob@example.com"));
    assertThat(users.find("user-3").await()).isEqualTo(Optional.empty());
  }

  private static Notification notification(String orderId, NotificationKind kind, String text) {
    return new Notification(orderId, "user-1", kind, "alice@example.com", text, SENT);
  }
}
