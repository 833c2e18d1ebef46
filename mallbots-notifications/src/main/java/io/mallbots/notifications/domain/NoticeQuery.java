package io.mallbots.notifications.domain;

import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.PermissionDenied;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a user's notices: whose, where the previous page ended (none for the first page) and
 * how many at most. Only an actor who may act for the user may ask.
 */
public record NoticeQuery(String userId, Optional<PageCursor> after, int limit) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  public NoticeQuery {
    userId = OrderNotice.id(userId, "user_id");
    Objects.requireNonNull(after, "after");
    limit = pageSize(limit);
  }

  /**
   * The page size a request asks for: 0 (unset) means the default, more than the maximum means the
   * maximum; a negative size is a mistake, refused with {@link Invalid}.
   */
  public static int pageSize(int requested) {
    if (requested < 0) {
      throw new Invalid(
          "limit must be 0 (the default, " + DEFAULT_LIMIT + ") or more, got " + requested);
    }
    return requested == 0 ? DEFAULT_LIMIT : Math.min(requested, MAX_LIMIT);
  }

  /**
   * The page {@code actor} asks for, from its wire form: {@code actor} must be allowed to act for
   * {@code userId} ({@link PermissionDenied} otherwise), and the cursor in {@code next} must belong
   * to that user.
   */
  public static NoticeQuery of(Actor actor, String userId, String next, int limit) {
    String user = OrderNotice.id(userId, "user_id");
    actor.ensureMayActFor(user, "the notifications of " + user);
    Optional<PageCursor> after =
        next == null || next.isEmpty()
            ? Optional.empty()
            : Optional.of(PageCursor.decode(next, user));
    return new NoticeQuery(user, after, limit);
  }
}
