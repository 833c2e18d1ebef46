package io.mallbots.users.application;

import io.mallbots.core.async.Futures;
import io.mallbots.core.db.Database;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.PermissionDenied;
import io.mallbots.core.domain.Unauthenticated;
import io.mallbots.users.application.commands.AuthorizeUser;
import io.mallbots.users.application.commands.DisableUser;
import io.mallbots.users.application.commands.EnableUser;
import io.mallbots.users.application.commands.LogIn;
import io.mallbots.users.application.commands.RegisterUser;
import io.mallbots.users.application.commands.UpdateUser;
import io.mallbots.users.application.queries.GetUser;
import io.mallbots.users.application.queries.VerifyLogin;
import io.mallbots.users.domain.PasswordHash;
import io.mallbots.users.domain.User;
import io.mallbots.users.domain.UserEvent;
import io.mallbots.users.domain.UserId;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Function;

/**
 * The use cases of the users service, one method each. Every change loads the user, applies the
 * domain rule and saves the user with its events in one transaction. Called on an event loop;
 * password hashing happens off it, before any transaction opens, so no connection waits on bcrypt.
 * Every password check (a login, the current password of a password change) first passes the {@link
 * LoginLimits}.
 */
public final class UsersApplication {

  /**
   * One answer for an unknown username and a wrong password, so that callers cannot probe for
   * names.
   */
  static final String WRONG_CREDENTIALS = "username or password is wrong";

  static final String CURRENT_PASSWORD_REQUIRED =
      "changing the password needs the current password";
  static final String WRONG_CURRENT_PASSWORD = "the current password is wrong";

  private final Database database;
  private final Users users;
  private final Passwords passwords;
  private final Tokens tokens;
  private final LoginLimits loginLimits;

  public UsersApplication(
      Database database, Users users, Passwords passwords, Tokens tokens, LoginLimits loginLimits) {
    this.database = database;
    this.users = users;
    this.passwords = passwords;
    this.tokens = tokens;
    this.loginLimits = loginLimits;
  }

  public Future<UserId> registerUser(RegisterUser command) {
    return passwords
        .hash(command.password())
        .compose(
            hash ->
                database.inTransaction(
                    tx -> users.add(tx, User.register(UserId.random(), command.profile(), hash))))
        .map(User::id);
  }

  /**
   * Applies a partial update. A new password needs the current one (else PermissionDenied and
   * nothing changes), and checking it counts against the user's and the address's login limits, or
   * it would be a way around them.
   */
  public Future<User> updateUser(UpdateUser command) {
    if (command.password().isEmpty()) {
      return change(command.id(), user -> user.update(command.toProfileUpdate(Optional.empty())));
    }
    if (command.currentPassword().isEmpty()) {
      return Future.failedFuture(
          new PermissionDenied("CURRENT_PASSWORD_REQUIRED", CURRENT_PASSWORD_REQUIRED));
    }
    return existing(command.id())
        .compose(
            user -> {
              loginLimits.attempt(user.profile().username().value(), command.clientAddress());
              PasswordHash verified = user.password();
              return passwords
                  .matches(command.currentPassword().get(), verified)
                  .compose(
                      matches -> {
                        if (!matches) {
                          throw wrongCurrentPassword();
                        }
                        return passwords.hash(command.password().get());
                      })
                  .compose(
                      hash ->
                          change(
                              command.id(),
                              locked -> {
                                // Changed by another request since it was checked: the password
                                // given is no longer the current one.
                                if (!locked.password().equals(verified)) {
                                  throw wrongCurrentPassword();
                                }
                                return locked.update(command.toProfileUpdate(Optional.of(hash)));
                              }));
            });
  }

  public Future<Void> enableUser(EnableUser command) {
    return change(command.id(), User::enable).mapEmpty();
  }

  public Future<Void> disableUser(DisableUser command) {
    return change(command.id(), User::disable).mapEmpty();
  }

  /** May this user shop? Fails with USER_NOT_FOUND or USER_DISABLED; changes nothing. */
  public Future<Void> authorizeUser(AuthorizeUser command) {
    return existing(command.id())
        .map(
            user -> {
              user.ensureEnabled();
              return null;
            });
  }

  public Future<User> getUser(GetUser query) {
    return existing(query.id());
  }

  /**
   * Refused with TooManyRequests, before any database or bcrypt work, beyond the {@link
   * LoginLimits}.
   */
  public Future<LoggedIn> logIn(LogIn command) {
    return Futures.attempt(() -> loginLimits.attempt(command.username(), command.clientAddress()))
        .compose(admitted -> users.findByUsername(command.username()))
        .compose(
            found -> {
              if (found.isEmpty()) {
                // Spend the time a password check takes, so the answer's delay does not tell
                // unknown names apart.
                return passwords
                    .hash(command.password())
                    .compose(spent -> Future.failedFuture(wrongCredentials()));
              }
              User user = found.get();
              return passwords
                  .matches(command.password(), user.password())
                  .map(
                      matches -> {
                        if (!matches) {
                          throw wrongCredentials();
                        }
                        user.ensureEnabled();
                        return new LoggedIn(user.id(), tokens.issue(user));
                      });
            });
  }

  /** A valid token of a user who was since disabled or removed is refused like a forged one. */
  public Future<VerifiedLogin> verifyLogin(VerifyLogin query) {
    return Futures.attempt(() -> tokens.verifyAccess(query.token()))
        .compose(
            access ->
                users
                    .find(access.userId())
                    .map(
                        found ->
                            found
                                .filter(User::enabled)
                                .map(
                                    user ->
                                        new VerifiedLogin(
                                            user.id(),
                                            user.profile().username(),
                                            access.expiresAt()))
                                .orElseThrow(() -> new Unauthenticated(Tokens.NOT_VALID))));
  }

  private Future<User> change(UserId id, Function<User, Changed<User, UserEvent>> change) {
    return database.inTransaction(
        tx -> users.lock(tx, id).map(change).compose(changed -> users.save(tx, changed)));
  }

  private Future<User> existing(UserId id) {
    return users.find(id).map(found -> found.orElseThrow(() -> Users.notFound(id)));
  }

  private static Unauthenticated wrongCredentials() {
    return new Unauthenticated(WRONG_CREDENTIALS);
  }

  private static PermissionDenied wrongCurrentPassword() {
    return new PermissionDenied("WRONG_CURRENT_PASSWORD", WRONG_CURRENT_PASSWORD);
  }
}
