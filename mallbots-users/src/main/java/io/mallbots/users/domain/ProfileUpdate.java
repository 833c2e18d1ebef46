package io.mallbots.users.domain;

import java.util.Optional;

/** A partial update of a user: each present value replaces the current one, absent ones stay. */
public record ProfileUpdate(
    Optional<Username> username,
    Optional<Email> email,
    Optional<String> bio,
    Optional<String> image,
    Optional<PasswordHash> password) {

  Profile applyTo(Profile current) {
    return new Profile(
        username.orElse(current.username()),
        email.orElse(current.email()),
        bio.orElse(current.bio()),
        image.orElse(current.image()));
  }
}
