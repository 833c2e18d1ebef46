package io.mallbots.notifications.domain;

import io.mallbots.core.domain.Invalid;
import java.util.Objects;

/**
 * A request to tell a user something about their order. Ids are other services' (ordering's,
 * users'), so they are taken as text: required and of a sane length, nothing more.
 */
public record OrderNotice(String orderId, String userId, NotificationKind kind) {

  static final int MAX_ID_LENGTH = 128;

  public OrderNotice {
    orderId = id(orderId, "order_id");
    userId = id(userId, "user_id");
    Objects.requireNonNull(kind, "kind");
  }

  /** A required id of sane length, stripped; {@link Invalid} naming {@code field} otherwise. */
  static String id(String text, String field) {
    if (text == null || text.isBlank()) {
      throw new Invalid(field + " is required");
    }
    String id = text.strip();
    if (id.length() > MAX_ID_LENGTH) {
      throw new Invalid(field + " must be at most " + MAX_ID_LENGTH + " characters");
    }
    return id;
  }
}
