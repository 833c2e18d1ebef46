package io.mallbots.notifications.application;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.notifications.application.commands.NotifyOrder;
import io.mallbots.notifications.application.commands.RememberUser;
import io.mallbots.notifications.application.queries.GetNotifications;
import io.mallbots.notifications.domain.NoticePage;
import io.mallbots.notifications.domain.NoticeQuery;
import io.mallbots.notifications.domain.Notification;
import io.mallbots.notifications.domain.OrderNotice;
import io.mallbots.notifications.domain.Recipient;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifications service's use cases. An order notice is sent and recorded once per order and
 * kind: a redelivered event or a repeated RPC finds the record and sends nothing. The recipient
 * comes from the user cache, else from users over gRPC (then cached). A user users does not know is
 * notified by id and logged, so such an order never blocks its subscription; users being
 * unreachable fails the notice, which is then retried (and after the last attempt dead-lettered).
 * Called on the service verticle's event loop.
 */
public final class NotificationsApplication {

  private static final Logger log = LoggerFactory.getLogger(NotificationsApplication.class);

  private final Database database;
  private final Notifications notifications;
  private final UserCache users;
  private final UserDirectory directory;
  private final Notifier notifier;
  private final Clock clock;

  public NotificationsApplication(
      Database database,
      Notifications notifications,
      UserCache users,
      UserDirectory directory,
      Notifier notifier,
      Clock clock) {
    this.database = database;
    this.notifications = notifications;
    this.users = users;
    this.directory = directory;
    this.notifier = notifier;
    this.clock = clock;
  }

  public Future<Void> notifyOrder(NotifyOrder command) {
    return database.inTransaction(tx -> notifyOrder(tx, command));
  }

  /**
   * Sends inside {@code tx}, after the record is written: if sending fails nothing is recorded and
   * the notice can be tried again. (A commit failing after a successful send may send twice: at
   * least once.)
   */
  public Future<Void> notifyOrder(Tx tx, NotifyOrder command) {
    OrderNotice notice = command.notice();
    return notifications
        .recorded(tx, notice.orderId(), notice.kind())
        .compose(
            done ->
                done
                    ? Future.succeededFuture()
                    : recipient(tx, notice.userId())
                        .map(to -> Notification.compose(notice, to, clock.instant()))
                        .compose(
                            notification ->
                                notifications
                                    .record(tx, notification)
                                    .compose(
                                        first ->
                                            first
                                                ? notifier.send(notification)
                                                : Future.succeededFuture())));
  }

  /**
   * One page of a user's notices, newest first. A shopper may read only their own ({@code
   * PermissionDenied} otherwise, before anything is read).
   */
  public Future<NoticePage> notificationsOf(GetNotifications query) {
    return Future.succeededFuture(query)
        .map(q -> NoticeQuery.of(q.actor(), q.userId(), q.next(), q.limit()))
        .compose(
            page ->
                notifications
                    .ofUser(page.userId(), page.after(), page.limit() + 1)
                    .map(fetched -> NoticePage.of(fetched, page.limit())));
  }

  /**
   * A user registered: keep them unless users' API told us about them already (that copy is as
   * new).
   */
  public Future<Void> rememberNewUser(Tx tx, RememberUser command) {
    return users.add(tx, command.user());
  }

  /** A user's profile changed: the new values replace the cached ones. */
  public Future<Void> refreshUser(Tx tx, RememberUser command) {
    return users.put(tx, command.user());
  }

  private Future<Recipient> recipient(Tx tx, String userId) {
    return users
        .find(userId)
        .compose(
            cached ->
                cached.isPresent()
                    ? Future.succeededFuture(cached.get())
                    : directory.find(userId).compose(found -> remembered(tx, userId, found)));
  }

  private Future<Recipient> remembered(Tx tx, String userId, Optional<Recipient> found) {
    if (found.isEmpty()) {
      log.warn("users does not know user {}: notifying by id only", userId);
      return Future.succeededFuture(Recipient.unknown(userId));
    }
    return users.add(tx, found.get()).map(found.get());
  }
}
