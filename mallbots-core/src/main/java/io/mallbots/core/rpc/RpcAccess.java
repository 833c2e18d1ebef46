package io.mallbots.core.rpc;

import com.google.protobuf.Descriptors.MethodDescriptor;
import io.mallbots.common.v1.Access;
import io.mallbots.common.v1.AccessProto;
import io.mallbots.core.auth.AccessTokens;
import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.PermissionDenied;
import io.mallbots.core.domain.Unauthenticated;

/**
 * The one place that decides who may call what: each RPC's rule ({@link Access}, the option {@code
 * (mallbots.common.v1.access)} next to the RPC in its proto) against the caller's token. Checked
 * before the request body is read, the same for gRPC, the JSON bridge and the HTTP admin routes.
 * What the rule leaves to the domain (whether a shopper owns the basket, keeps every store of the
 * order) the domain decides with the {@link Actor} this gives. Without required tokens
 * (development) every caller acts for all.
 */
public final class RpcAccess {

  /** No token needed: every caller acts for all (development). */
  public static final RpcAccess OPEN = new RpcAccess(null, null);

  private static final String BEARER = "bearer ";

  private final AccessTokens tokens;
  private final String service;

  private RpcAccess(AccessTokens tokens, String service) {
    this.tokens = tokens;
    this.service = service;
  }

  /**
   * Bearers of tokens {@code tokens} verifies; service tokens must name {@code service} as their
   * audience.
   */
  public static RpcAccess tokens(AccessTokens tokens, String service) {
    return new RpcAccess(tokens, service);
  }

  /** The rule of {@code method}; an RPC without one cannot be served. */
  public static Access ruleOf(MethodDescriptor method) {
    Access rule = method.getOptions().getExtension(AccessProto.access);
    if (rule == Access.ACCESS_UNSPECIFIED || rule == Access.UNRECOGNIZED) {
      throw new IllegalStateException(
          method.getFullName()
              + " has no access rule: add "
              + "option (mallbots.common.v1.access) = ACCESS_...; to the RPC (docs/security.md)");
    }
    return rule;
  }

  /**
   * The actor of a call to {@code what} under {@code rule}, whose {@code authorization} header (may
   * be null) is given. Refuses with {@link Unauthenticated} when a token is needed and missing, not
   * valid or not for this service, and with {@link PermissionDenied} when the caller is not of the
   * kind the rule admits.
   */
  public Actor admit(Access rule, String what, String authorization) {
    if (tokens == null) {
      return Actor.ANYONE;
    }
    if (rule == Access.ACCESS_PUBLIC) {
      return Actor.ANYONE;
    }
    AccessTokens.Caller caller = tokens.verify(bearerToken(authorization), service);
    return switch (rule) {
      case ACCESS_SIGNED_IN, ACCESS_OWNER, ACCESS_STORE_KEEPER ->
          caller.isService()
              ? Actor.SERVICE
              : caller.isOperator()
                  ? Actor.operator(caller.subject())
                  : Actor.shopper(caller.subject());
      case ACCESS_SERVICE -> {
        if (!caller.isService()) {
          throw new PermissionDenied(what + " is for the mall's own services only");
        }
        yield Actor.SERVICE;
      }
      case ACCESS_OPERATOR -> {
        if (!caller.isOperator()) {
          throw new PermissionDenied(what + " is for the mall's operators only");
        }
        yield Actor.operator(caller.subject());
      }
      default -> throw new PermissionDenied(what + " has no access rule");
    };
  }

  private static String bearerToken(String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new Unauthenticated(
          "this call needs an access token: authorization: Bearer <token from Login>");
    }
    return authorization.substring(BEARER.length()).trim();
  }
}
