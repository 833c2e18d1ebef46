package io.mallbots.notifications.domain;

import io.mallbots.core.domain.PagePosition;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a page of a user's notices ends: the (sent_at, order_id, kind) of its last notice, as
 * core's opaque {@link PagePosition} bound to the user it was made for. A cursor made for another
 * user is refused.
 */
public record PageCursor(Instant sentAt, String orderId, NotificationKind kind) {

  public PageCursor {
    orderId = OrderNotice.id(orderId, "cursor order id");
    Objects.requireNonNull(kind, "kind");
    sentAt = new PagePosition(sentAt, orderId).at();
  }

  /** The cursor after {@code last}, the last notice of a page. */
  public static PageCursor after(Notification last) {
    return new PageCursor(last.sentAt(), last.orderId(), last.kind());
  }

  /** The opaque {@code next} of a page of {@code userId}'s notices. */
  public String encode(String userId) {
    // The kind breaks ties between notices of one order sent at the same instant: it leads the key.
    return new PagePosition(sentAt, kind.name() + " " + orderId).encode(userId);
  }

  /** The cursor in {@code next}, which must come from a page of {@code userId}'s notices. */
  public static PageCursor decode(String next, String userId) {
    PagePosition position =
        PagePosition.decode(
            next,
            userId,
            "next belongs to another user's notices: send the user_id it was given with");
    int space = position.key().indexOf(' ');
    if (space < 0) {
      throw PagePosition.malformed();
    }
    NotificationKind kind;
    try {
      kind = NotificationKind.valueOf(position.key().substring(0, space));
    } catch (IllegalArgumentException notAKind) {
      throw PagePosition.malformed();
    }
    return new PageCursor(position.at(), position.key().substring(space + 1), kind);
  }
}
