package io.mallbots.notifications.adapters.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mallbots.notifications.domain.Notification;
import io.mallbots.notifications.domain.NotificationKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingNotifierTest {

  @Test
  void a_notification_is_logged_with_its_recipient_and_text() {
    Logger logger = (Logger) LoggerFactory.getLogger(LoggingNotifier.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try {
      new LoggingNotifier()
          .send(
              new Notification(
                  "order-1",
                  "user-1",
                  NotificationKind.READY,
                  "ann@example.com",
                  "Hello ann, your order order-1 is ready for pick-up.",
                  Instant.now()))
          .await();

      assertThat(logged.list)
          .singleElement()
          .extracting(ILoggingEvent::getFormattedMessage)
          .isEqualTo(
              "notify ann@example.com (READY order-1): Hello ann, your order order-1 is ready for pick-up.");
    } finally {
      logger.detachAppender(logged);
    }
  }
}
