package io.mallbots.users.adapters.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.mallbots.users.application.Passwords;
import io.mallbots.users.domain.Password;
import io.mallbots.users.domain.PasswordHash;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link Passwords} with bcrypt (at.favre.lib). A hash at cost 10 takes tens of milliseconds, so
 * every call runs on a worker thread, unordered so that logins do not queue behind each other; the
 * future completes back on the caller's context.
 */
public final class BcryptPasswords implements Passwords {

  private final Vertx vertx;
  private final int cost;

  /**
   * {@code cost} is bcrypt's log2 work factor, between {@link BCrypt#MIN_COST} and {@link
   * BCrypt#MAX_COST}.
   */
  public BcryptPasswords(Vertx vertx, int cost) {
    if (cost < BCrypt.MIN_COST || cost > BCrypt.MAX_COST) {
      throw new IllegalArgumentException(
          "bcrypt cost must be between " + BCrypt.MIN_COST + " and " + BCrypt.MAX_COST);
    }
    this.vertx = vertx;
    this.cost = cost;
  }

  @Override
  public Future<PasswordHash> hash(Password password) {
    return vertx.executeBlocking(
        () -> {
          char[] characters = password.characters();
          try {
            return new PasswordHash(BCrypt.withDefaults().hashToString(cost, characters));
          } finally {
            Arrays.fill(characters, '\0');
          }
        },
        false);
  }

  @Override
  public Future<Boolean> matches(Password password, PasswordHash hash) {
    return vertx.executeBlocking(
        () -> {
          char[] characters = password.characters();
          try {
            return BCrypt.verifyer()
                .verify(characters, hash.value().getBytes(StandardCharsets.UTF_8))
                .verified;
          } finally {
            Arrays.fill(characters, '\0');
          }
        },
        false);
  }
}
