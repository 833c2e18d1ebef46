package io.mallbots.notifications.application;

import io.mallbots.core.db.Tx;
import io.mallbots.notifications.domain.Notification;
import io.mallbots.notifications.domain.NotificationKind;
import io.vertx.core.Future;
import java.util.Optional;

/** The notifications the service sent, at most one per order and kind. */
public interface Notifications {

  /** Records {@code notification}; {@code false} if the order already has one of its kind (nothing changes). */
  Future<Boolean> record(Tx tx, Notification notification);

  /** Whether the order already has a notification of {@code kind}, as {@code tx} sees it. */
  Future<Boolean> recorded(Tx tx, String orderId, NotificationKind kind);

  Future<Optional<Notification>> find(String orderId, NotificationKind kind);
}
