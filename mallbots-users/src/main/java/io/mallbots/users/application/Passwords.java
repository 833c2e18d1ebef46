package io.mallbots.users.application;

import io.mallbots.users.domain.Password;
import io.mallbots.users.domain.PasswordHash;
import io.vertx.core.Future;

/**
 * Slow salted password hashing. Deliberately CPU-heavy: implementations work off the event loop.
 */
public interface Passwords {

  Future<PasswordHash> hash(Password password);

  Future<Boolean> matches(Password password, PasswordHash hash);
}
