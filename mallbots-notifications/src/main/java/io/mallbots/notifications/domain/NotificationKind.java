package io.mallbots.notifications.domain;

/**
 * What a notification tells the user about their order; each order gets at most one of each kind.
 */
public enum NotificationKind {
  CREATED("we received your order %s."),
  READY("your order %s is ready for pick-up."),
  CANCELED("your order %s was canceled.");

  private final String news;

  NotificationKind(String news) {
    this.news = news;
  }

  String news(String orderId) {
    return news.formatted(orderId);
  }
}
