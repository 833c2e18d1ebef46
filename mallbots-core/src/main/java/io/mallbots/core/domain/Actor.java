package io.mallbots.core.domain;

import java.util.Objects;

/**
 * Who asks for a change or a look. A shopper or an operator (by user id) acts for their own things
 * only; another service of the mall, or every caller while access tokens are not required (as in
 * {@code make run}'s dev mode), acts for all shoppers. Domain rules ask it whether the resource's
 * owner may be acted for.
 *
 * @param userId the user behind the call; {@code null} for a service or a dev-mode caller
 * @param kind what sort of caller it is
 */
public record Actor(String userId, Kind kind) {

  /** The sorts of caller. */
  public enum Kind {
    /** A user with a token from users' Login. */
    SHOPPER,
    /** A user whose token carries the operator role: admin routes, dead letters. */
    OPERATOR,
    /** Another service of the mall, with a service token for this service. */
    SERVICE,
    /** Any caller where no token is required (development), or of an RPC open to all. */
    ANYONE
  }

  /** Any caller in dev mode, or of an RPC open to all. */
  public static final Actor ANYONE = new Actor(null, Kind.ANYONE);

  /** Another service of the mall. */
  public static final Actor SERVICE = new Actor(null, Kind.SERVICE);

  public Actor {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.SHOPPER || kind == Kind.OPERATOR) {
      Objects.requireNonNull(userId, "userId");
    }
  }

  public static Actor shopper(String userId) {
    return new Actor(userId, Kind.SHOPPER);
  }

  public static Actor operator(String userId) {
    return new Actor(userId, Kind.OPERATOR);
  }

  /** Whether this actor acts for every shopper: a service, or anyone in dev mode. */
  public boolean actsForAll() {
    return kind == Kind.SERVICE || kind == Kind.ANYONE;
  }

  /** Whether this actor may act for {@code ownerId}'s resources. */
  public boolean mayActFor(String ownerId) {
    return actsForAll() || userId.equals(ownerId);
  }

  /**
   * Refuses with {@link PermissionDenied} unless this actor may act for {@code ownerId}; {@code
   * what} names the resource.
   */
  public void ensureMayActFor(String ownerId, String what) {
    if (!mayActFor(ownerId)) {
      throw new PermissionDenied(what + " belongs to someone else");
    }
  }

  /**
   * Refuses a shopper with {@link PermissionDenied}: {@code what} is for the mall's services (and
   * dev mode) only.
   */
  public void ensureActsForAll(String what) {
    if (!actsForAll()) {
      throw new PermissionDenied(what + " is for the mall's own services, not for a shopper");
    }
  }
}
