package io.mallbots.users.application.commands;

import io.mallbots.users.domain.Email;
import io.mallbots.users.domain.Password;
import io.mallbots.users.domain.PasswordHash;
import io.mallbots.users.domain.ProfileUpdate;
import io.mallbots.users.domain.UserId;
import io.mallbots.users.domain.Username;
import java.util.Optional;

/**
 * A partial update: absent values stay as they are. A new {@code password} takes the {@code
 * currentPassword}; {@code clientAddress} (null when unknown) is where the request comes from,
 * since checking the current password counts as a login attempt.
 */
public record UpdateUser(
    UserId id,
    Optional<Username> username,
    Optional<Email> email,
    Optional<String> bio,
    Optional<String> image,
    Optional<Password> password,
    Optional<Password> currentPassword,
    String clientAddress) {

  /** No password change. */
  public UpdateUser(
      UserId id,
      Optional<Username> username,
      Optional<Email> email,
      Optional<String> bio,
      Optional<String> image) {
    this(id, username, email, bio, image, Optional.empty(), Optional.empty(), null);
  }

  /** The update the domain applies, once the new password (if any) is hashed. */
  public ProfileUpdate toProfileUpdate(Optional<PasswordHash> passwordHash) {
    return new ProfileUpdate(username, email, bio, image, passwordHash);
  }
}
