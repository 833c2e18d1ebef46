package io.mallbots.users.domain;

import io.mallbots.core.domain.Invalid;
import java.util.Objects;

/**
 * What a user tells about themselves; what other services may copy (UserUpdated carries it whole).
 */
public record Profile(Username username, Email email, String bio, String image) {

  public static final int MAX_BIO_LENGTH = 4000;
  public static final int MAX_IMAGE_LENGTH = 2048;

  public Profile {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(email, "email");
    bio = bio == null ? "" : bio;
    image = image == null ? "" : image;
    if (bio.length() > MAX_BIO_LENGTH) {
      throw new Invalid("bio must be at most " + MAX_BIO_LENGTH + " characters");
    }
    if (image.length() > MAX_IMAGE_LENGTH) {
      throw new Invalid("image must be a URL of at most " + MAX_IMAGE_LENGTH + " characters");
    }
  }
}
