package io.mallbots.core.rpc;

import io.mallbots.core.auth.AccessTokens;
import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Unauthenticated;
import java.util.Set;

/**
 * Who may call a service's RPCs: anyone (authentication off, as in {@code make run}'s dev mode), or only
 * bearers of a valid access token ({@code authorization: Bearer <token>}), except for the RPCs open to all
 * (registering and logging in need no token). Checked once per call, the same for gRPC and JSON.
 */
public final class RpcAccess {

  /** No token needed. */
  public static final RpcAccess ANYONE = new RpcAccess(null, Set.of());

  private static final String BEARER = "bearer ";

  private final AccessTokens tokens;
  private final Set<String> open;

  private RpcAccess(AccessTokens tokens, Set<String> open) {
    this.tokens = tokens;
    this.open = open;
  }

  /** Only bearers of tokens {@code tokens} verifies, except for the RPCs named in {@code open}. */
  public static RpcAccess bearers(AccessTokens tokens, Set<String> open) {
    return new RpcAccess(tokens, Set.copyOf(open));
  }

  /**
   * The actor of a call to {@code rpc} (its short name, e.g. {@code Login}): the shopper whose token
   * {@code authorization} carries, or {@link Actor#ANYONE} for a service's token, an open RPC or when no token is
   * required. Refuses with {@link Unauthenticated} when a token is required and missing or not valid.
   */
  public Actor check(String rpc, String authorization) {
    if (tokens == null || open.contains(rpc)) {
      return Actor.ANYONE;
    }
    if (authorization == null || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new Unauthenticated("this call needs an access token: authorization: Bearer <token from Login>");
    }
    AccessTokens.Caller caller = tokens.verify(authorization.substring(BEARER.length()).trim());
    return caller.isService() ? Actor.ANYONE : Actor.shopper(caller.subject());
  }
}
