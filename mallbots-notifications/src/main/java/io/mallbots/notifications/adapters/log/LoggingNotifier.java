package io.mallbots.notifications.adapters.log;

import io.mallbots.notifications.application.Notifier;
import io.mallbots.notifications.domain.Notification;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link Notifier} ({@code NOTIFIER=log}): writes each notification to the log, as the
 * original did.
 */
public final class LoggingNotifier implements Notifier {

  private static final Logger log = LoggerFactory.getLogger(LoggingNotifier.class);

  @Override
  public Future<Void> send(Notification notification) {
    log.info(
        "notify {} ({} {}): {}",
        notification.recipient(),
        notification.kind(),
        notification.orderId(),
        notification.text());
    return Future.succeededFuture();
  }
}
