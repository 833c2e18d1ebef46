package io.mallbots.notifications.application;

import io.mallbots.notifications.domain.Notification;
import io.vertx.core.Future;

/**
 * Delivers a notification to its recipient (a log, a mail gateway, ...). Must not block the event
 * loop.
 */
public interface Notifier {

  Future<Void> send(Notification notification);
}
