package io.mallbots.users.application;

import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.NotFound;
import io.mallbots.users.domain.User;
import io.mallbots.users.domain.UserEvent;
import io.mallbots.users.domain.UserId;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The users the service knows: the repository port. Writes take the transaction of the unit of work
 * and store a change together with the events it raised (through the outbox); a taken username or
 * email fails the write with {@link io.mallbots.core.domain.AlreadyExists}. {@link #lock} of a
 * missing user fails with {@link #notFound}.
 */
public interface Users {

  Future<Optional<User>> find(UserId id);

  /** Usernames are case-sensitive. */
  Future<Optional<User>> findByUsername(String username);

  /**
   * Loads the user and locks it until {@code tx} ends, so that concurrent changes apply one after
   * another; NotFound if there is none.
   */
  Future<User> lock(Tx tx, UserId id);

  Future<User> add(Tx tx, Changed<User, UserEvent> registration);

  Future<User> save(Tx tx, Changed<User, UserEvent> change);

  /** How a missing user is refused, by the repository and the use cases alike. */
  static NotFound notFound(UserId id) {
    return new NotFound("USER_NOT_FOUND", "user " + id + " not found");
  }
}
