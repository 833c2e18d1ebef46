package io.mallbots.notifications.testing;

import io.mallbots.core.testing.ServiceDatabase;
import io.mallbots.notifications.adapters.pg.PgNotifications;
import io.mallbots.notifications.adapters.pg.PgUserCache;

/** The notifications schema ({@link ServiceDatabase}) and the notifications repositories on it. */
public final class NotificationsDatabase extends ServiceDatabase {

  public NotificationsDatabase(String schemaPrefix) {
    super(schemaPrefix, "notifications");
  }

  public PgNotifications notifications() {
    return new PgNotifications(database());
  }

  public PgUserCache users() {
    return new PgUserCache(database());
  }

  public void empty() {
    truncate("notifications", "user_cache", "inbox");
  }
}
