package io.mallbots.users.domain;

import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Conflict;
import java.util.Objects;

/**
 * A shopper with a login: the aggregate of the users service. Immutable; every change returns the
 * user after it and the events it raised.
 */
public record User(UserId id, Profile profile, PasswordHash password, boolean enabled) {

  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(password, "password");
  }

  /** A new user starts enabled. */
  public static Changed<User, UserEvent> register(
      UserId id, Profile profile, PasswordHash password) {
    User user = new User(id, profile, password, true);
    return Changed.of(user, new UserRegistered(id, profile.username(), profile.email()));
  }

  /** Applies the present values; a change of the password alone is no news to anyone else. */
  public Changed<User, UserEvent> update(ProfileUpdate update) {
    Profile changed = update.applyTo(profile);
    User after = new User(id, changed, update.password().orElse(password), enabled);
    return changed.equals(profile)
        ? Changed.silently(after)
        : Changed.of(after, new UserUpdated(id, changed));
  }

  /** Enabling an enabled user is refused rather than ignored, as the contract says. */
  public Changed<User, UserEvent> enable() {
    if (enabled) {
      throw new Conflict("USER_ALREADY_ENABLED", "user " + id + " is already enabled");
    }
    return Changed.of(new User(id, profile, password, true), new UserEnabled(id));
  }

  public Changed<User, UserEvent> disable() {
    if (!enabled) {
      throw new Conflict("USER_ALREADY_DISABLED", "user " + id + " is already disabled");
    }
    return Changed.of(new User(id, profile, password, false), new UserDisabled(id));
  }

  /** A disabled user may neither shop nor log in. */
  public void ensureEnabled() {
    if (!enabled) {
      throw new Conflict("USER_DISABLED", "user " + id + " is disabled");
    }
  }
}
