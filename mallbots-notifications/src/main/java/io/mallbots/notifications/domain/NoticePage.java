package io.mallbots.notifications.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of a user's notices, newest first, and where the next page starts (empty when there is
 * none).
 */
public record NoticePage(List<Notification> notices, Optional<PageCursor> next) {

  public NoticePage {
    notices = List.copyOf(notices);
    Objects.requireNonNull(next, "next");
  }

  /**
   * The page of {@code limit} notices from {@code fetched}, which holds up to one more than that,
   * so a further page is known to exist without a second query.
   */
  public static NoticePage of(List<Notification> fetched, int limit) {
    if (fetched.size() <= limit) {
      return new NoticePage(fetched, Optional.empty());
    }
    List<Notification> page = fetched.subList(0, limit);
    return new NoticePage(page, Optional.of(PageCursor.after(page.get(limit - 1))));
  }
}
