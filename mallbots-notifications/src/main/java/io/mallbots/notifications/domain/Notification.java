package io.mallbots.notifications.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A notification as it was sent and recorded: one per order and kind.
 *
 * @param recipient where it went (the recipient's address)
 */
public record Notification(
    String orderId,
    String userId,
    NotificationKind kind,
    String recipient,
    String text,
    Instant sentAt) {

  public Notification {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sentAt, "sentAt");
  }

  /** Words the notice for its recipient; an unknown user gets the news without a name. */
  public static Notification compose(OrderNotice notice, Recipient to, Instant now) {
    if (!to.userId().equals(notice.userId())) {
      throw new IllegalArgumentException(
          "recipient " + to.userId() + " is not the order's user " + notice.userId());
    }
    String greeting = to.known() ? "Hello " + to.name() + ", " : "Hello, ";
    return new Notification(
        notice.orderId(),
        notice.userId(),
        notice.kind(),
        to.address(),
        greeting + notice.kind().news(notice.orderId()),
        now);
  }
}
