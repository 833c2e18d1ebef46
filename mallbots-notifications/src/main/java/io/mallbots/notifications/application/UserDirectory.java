package io.mallbots.notifications.application;

import io.mallbots.notifications.domain.Recipient;
import io.vertx.core.Future;
import java.util.Optional;

/** The users service itself, asked when the cache has not heard of a user yet. */
public interface UserDirectory {

  /**
   * The user, or empty when users says there is no such user. Fails when users cannot answer (the
   * caller retries later).
   */
  Future<Optional<Recipient>> find(String userId);
}
