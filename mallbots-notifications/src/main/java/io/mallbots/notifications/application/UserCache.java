package io.mallbots.notifications.application;

import io.mallbots.core.db.Tx;
import io.mallbots.notifications.domain.Recipient;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The users notifications has heard of, kept from users' events so most notifications need no call
 * to users.
 */
public interface UserCache {

  /** Keeps {@code user} unless a copy is there already (that copy is at least as recent). */
  Future<Void> add(Tx tx, Recipient user);

  /** Keeps {@code user}, replacing any copy (a newer fact about the user). */
  Future<Void> put(Tx tx, Recipient user);

  Future<Optional<Recipient>> find(String userId);
}
