package io.mallbots.core.rpc;

import io.mallbots.core.auth.AccessTokens;
import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Unauthenticated;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether a service takes new requests from outside the mall, paused for a broker swap ({@code make
 * swap-broker MODE=pause}, {@code POST /intake/pause}). While paused, every RPC called by a
 * shopper, partner or operator, over gRPC or the JSON bridge, is refused with UNAVAILABLE and a
 * retry hint ({@value RpcRefusal#RETRY_AFTER_MS_TRAILER} trailer, {@code Retry-After} over HTTP),
 * and readiness answers 503; calls from the mall's own services still pass, since a handler midway
 * through a saga may need another service. A service caller is told apart by its service token for
 * this service; where no {@code SERVICE_TOKEN_KEY} is set no caller can prove it, so the services'
 * clients then name themselves in the {@value #CALLER_HEADER} header (such a mall checks no tokens
 * anyway). Thread-safe.
 */
public final class IntakeSwitch {

  /** The header a service's gRPC client names itself in when the mall has no service key. */
  public static final String CALLER_HEADER = "mallbots-caller";

  /** How long a refused caller is told to wait: a swap takes seconds to a minute. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private static final String BEARER = "bearer ";

  private final AccessTokens tokens;
  private final String service;
  private final boolean serviceKey;
  private volatile Instant pausedSince;

  /**
   * @param tokens verifies the callers' tokens; {@code null} when the service has no key at all
   * @param serviceKey whether service tokens can be verified ({@code SERVICE_TOKEN_KEY} is set)
   * @param service this service, the audience of the service tokens it takes
   */
  public IntakeSwitch(AccessTokens tokens, boolean serviceKey, String service) {
    this.tokens = tokens;
    this.serviceKey = serviceKey && tokens != null;
    this.service = service;
  }

  /** An open switch that no one pauses, for endpoints built outside a service (tests, tools). */
  public static IntakeSwitch alwaysOpen() {
    return new IntakeSwitch(null, false, "none");
  }

  /** Stops taking outside requests; a second pause keeps the first one's time. */
  public synchronized void pause() {
    if (pausedSince == null) {
      pausedSince = Instant.now();
    }
  }

  /** Takes outside requests again. */
  public synchronized void resume() {
    pausedSince = null;
  }

  public boolean paused() {
    return pausedSince != null;
  }

  /** Since when the intake is paused; {@code null} when open. */
  public Instant pausedSince() {
    return pausedSince;
  }

  /**
   * Refuses with an UNAVAILABLE {@link RpcRefusal} a call of {@code actor} (as access admitted it)
   * while paused, unless it comes from another service of the mall ({@code authorization} and
   * {@code caller} are the call's headers, either may be null).
   */
  void admit(Actor actor, String authorization, String caller) {
    if (pausedSince == null || fromService(actor, authorization, caller)) {
      return;
    }
    throw new RpcRefusal(
        new StatusException(
            GrpcStatus.UNAVAILABLE,
            service + " takes no new requests while the mall moves to another broker; try again"),
        RETRY_AFTER);
  }

  private boolean fromService(Actor actor, String authorization, String caller) {
    if (actor.kind() == Actor.Kind.SERVICE) {
      return true;
    }
    if (!serviceKey) {
      return caller != null && !caller.isBlank();
    }
    // Access rules off (AUTH_REQUIRED=false) still leave the services' tokens to check here.
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    try {
      return tokens.verify(authorization.substring(BEARER.length()).trim(), service).isService();
    } catch (Unauthenticated notValid) {
      return false;
    }
  }
}
