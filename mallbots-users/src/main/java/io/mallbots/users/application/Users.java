package io.mallbots.users.application;

import io.mallbots.core.db.Tx;
import io.mallbots.users.domain.User;
import io.mallbots.users.domain.UserChange;
import io.mallbots.users.domain.UserId;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The users the service knows: the repository port. Writes take the transaction of the unit of work
 * and store a change together with the events it raised; a taken username or email fails the write
 * with {@link io.mallbots.core.domain.AlreadyExists}.
 */
public interface Users {

  Future<Optional<User>> find(UserId id);

  /** Usernames are case-sensitive. */
  Future<Optional<User>> findByUsername(String username);

  /** Loads the user and locks it until {@code tx} ends, so that concurrent changes apply one after another. */
  Future<Optional<User>> findForUpdate(Tx tx, UserId id);

  Future<User> add(Tx tx, UserChange registration);

  Future<User> save(Tx tx, UserChange change);
}
