package io.mallbots.notifications.application;

import io.mallbots.core.db.Tx;
import io.mallbots.notifications.domain.Notification;
import io.mallbots.notifications.domain.NotificationKind;
import io.mallbots.notifications.domain.PageCursor;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** The notifications the service sent, at most one per order and kind. */
public interface Notifications {

  /**
   * Records {@code notification}; {@code false} if the order already has one of its kind (nothing
   * changes).
   */
  Future<Boolean> record(Tx tx, Notification notification);

  /** Whether the order already has a notification of {@code kind}, as {@code tx} sees it. */
  Future<Boolean> recorded(Tx tx, String orderId, NotificationKind kind);

  Future<Optional<Notification>> find(String orderId, NotificationKind kind);

  /**
   * Up to {@code limit} of the user's notifications, newest first (by sent-at, then order id and
   * kind), those after {@code after} only when it is given.
   */
  Future<List<Notification>> ofUser(String userId, Optional<PageCursor> after, int limit);
}
