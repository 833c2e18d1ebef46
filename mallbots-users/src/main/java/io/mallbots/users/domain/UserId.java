package io.mallbots.users.domain;

import io.mallbots.core.domain.Uuids;
import java.util.Objects;
import java.util.UUID;

/** Identifies a user; server-generated, a UUID on the wire. */
public record UserId(UUID value) {

  public UserId {
    Objects.requireNonNull(value, "value");
  }

  public static UserId random() {
    return new UserId(UUID.randomUUID());
  }

  /**
   * Reads an id as a caller sent it: a missing or non-UUID id is an invalid request, not a missing
   * user.
   */
  public static UserId parse(String text) {
    return new UserId(Uuids.parse(text, "id"));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
