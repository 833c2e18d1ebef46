package io.mallbots.core.domain;

import java.util.Objects;

/**
 * Who asks for a change or a look: a shopper (by user id), or anyone trusted to act for all shoppers (another
 * service, or every caller while access tokens are not required, as in {@code make run}'s dev mode). Domain
 * rules ask it whether the resource's owner may be acted for.
 */
public record Actor(String userId, boolean actsForAll) {

  /** Another service, or any caller in dev mode. */
  public static final Actor ANYONE = new Actor(null, true);

  public Actor {
    if (!actsForAll) {
      Objects.requireNonNull(userId, "userId");
    }
  }

  public static Actor shopper(String userId) {
    return new Actor(userId, false);
  }

  /** Whether this actor may act for {@code ownerId}'s resources. */
  public boolean mayActFor(String ownerId) {
    return actsForAll || userId.equals(ownerId);
  }

  /** Refuses with {@link PermissionDenied} unless this actor may act for {@code ownerId}; {@code what} names the resource. */
  public void ensureMayActFor(String ownerId, String what) {
    if (!mayActFor(ownerId)) {
      throw new PermissionDenied(what + " belongs to someone else");
    }
  }

  /** Refuses a shopper with {@link PermissionDenied}: {@code what} is for the mall's services (and dev mode) only. */
  public void ensureActsForAll(String what) {
    if (!actsForAll) {
      throw new PermissionDenied(what + " is for the mall's own services, not for a shopper");
    }
  }
}
