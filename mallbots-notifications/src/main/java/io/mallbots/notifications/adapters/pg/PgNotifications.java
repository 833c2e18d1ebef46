package io.mallbots.notifications.adapters.pg;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.notifications.application.Notifications;
import io.mallbots.notifications.domain.Notification;
import io.mallbots.notifications.domain.NotificationKind;
import io.mallbots.notifications.domain.PageCursor;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Notifications} on PostgreSQL (table {@code notifications}, key order id and kind). */
public final class PgNotifications implements Notifications {

  private static final String INSERT =
      "INSERT INTO notifications (order_id, kind, user_id, recipient, text, sent_at) "
          + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_id, kind) DO NOTHING";
  private static final String SELECT =
      "SELECT order_id, kind, user_id, recipient, text, sent_at FROM notifications "
          + "WHERE order_id = $1 AND kind = $2";
  // Newest first; the row comparison pages on from the cursor (index notifications_user_newest).
  private static final String OF_USER =
      "SELECT order_id, kind, user_id, recipient, text, sent_at FROM notifications "
          + "WHERE user_id = $1 AND ($2::timestamptz IS NULL OR (sent_at, order_id, kind) < ($2, $3, $4)) "
          + "ORDER BY sent_at DESC, order_id DESC, kind DESC LIMIT $5";

  private final Database database;

  public PgNotifications(Database database) {
    this.database = database;
  }

  @Override
  public Future<Boolean> record(Tx tx, Notification notification) {
    return tx.connection()
        .preparedQuery(INSERT)
        .execute(
            Tuple.of(
                notification.orderId(),
                notification.kind().name(),
                notification.userId(),
                notification.recipient(),
                notification.text(),
                notification.sentAt().atOffset(ZoneOffset.UTC)))
        .map(inserted -> inserted.rowCount() == 1);
  }

  @Override
  public Future<Boolean> recorded(Tx tx, String orderId, NotificationKind kind) {
    return select(tx.connection(), orderId, kind).map(Optional::isPresent);
  }

  @Override
  public Future<Optional<Notification>> find(String orderId, NotificationKind kind) {
    return select(database.reads(), orderId, kind);
  }

  @Override
  public Future<List<Notification>> ofUser(String userId, Optional<PageCursor> after, int limit) {
    Tuple args =
        Tuple.of(
            userId,
            after.map(c -> c.sentAt().atOffset(ZoneOffset.UTC)).orElse(null),
            after.map(PageCursor::orderId).orElse(null),
            after.map(c -> c.kind().name()).orElse(null),
            limit);
    return database
        .reads()
        .preparedQuery(OF_USER)
        .execute(args)
        .map(
            rows -> {
              List<Notification> found = new ArrayList<>(rows.size());
              rows.forEach(row -> found.add(notification(row)));
              return found;
            });
  }

  private static Future<Optional<Notification>> select(
      SqlClient client, String orderId, NotificationKind kind) {
    return client
        .preparedQuery(SELECT)
        .execute(Tuple.of(orderId, kind.name()))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(notification(rows.iterator().next())));
  }

  private static Notification notification(Row row) {
    return new Notification(
        row.getString("order_id"),
        row.getString("user_id"),
        NotificationKind.valueOf(row.getString("kind")),
        row.getString("recipient"),
        row.getString("text"),
        row.getOffsetDateTime("sent_at").toInstant());
  }
}
