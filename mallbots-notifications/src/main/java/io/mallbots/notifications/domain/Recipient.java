package io.mallbots.notifications.domain;

import io.mallbots.core.domain.Invalid;
import java.util.Objects;

/**
 * Who a notification goes to: a user as notifications knows them (from users' events or users'
 * API).
 *
 * @param userId the user's id
 * @param name how to greet them; empty when the user is unknown
 * @param address where to send; the email, or {@code user:<id>} when the user is unknown
 */
public record Recipient(String userId, String name, String address) {

  public Recipient {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    if (userId.isBlank()) {
      throw new Invalid("a recipient needs a user id");
    }
  }

  /** A user users does not know: still told, by id, so an order's news is never held back by it. */
  public static Recipient unknown(String userId) {
    return new Recipient(userId, "", "user:" + userId);
  }

  public boolean known() {
    return !name.isEmpty();
  }
}
