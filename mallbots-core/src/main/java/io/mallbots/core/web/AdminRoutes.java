package io.mallbots.core.web;

import io.mallbots.common.v1.Access;
import io.mallbots.core.domain.PermissionDenied;
import io.mallbots.core.domain.Unauthenticated;
import io.mallbots.core.rpc.RpcAccess;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * What the operators' routes of the management port share: the operator rule, the page size, JSON
 * answers.
 */
final class AdminRoutes {

  private static final int MAX_LIMIT = 500;

  private AdminRoutes() {}

  /** Whether the caller is an operator; answers 401 or 403 when not. */
  static boolean allowed(RoutingContext ctx, RpcAccess access, String operation) {
    try {
      access.admit(
          Access.ACCESS_OPERATOR, operation, ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
      return true;
    } catch (Unauthenticated refused) {
      json(ctx, 401, error("UNAUTHENTICATED", refused.getMessage()));
      return false;
    } catch (PermissionDenied refused) {
      json(ctx, 403, error("PERMISSION_DENIED", refused.getMessage()));
      return false;
    }
  }

  /**
   * The {@code limit} query parameter (default 100, 1 to 500), or {@code -1} once a 400 has been
   * answered.
   */
  static int limit(RoutingContext ctx) {
    String asked = ctx.queryParams().get("limit");
    int limit;
    try {
      limit = asked == null ? 100 : Integer.parseInt(asked);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      json(
          ctx,
          400,
          error("INVALID_ARGUMENT", "limit must be a whole number from 1 to " + MAX_LIMIT));
      return -1;
    }
    return limit;
  }

  static JsonObject error(String code, String message) {
    return new JsonObject().put("code", code).put("message", message);
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.encode());
  }
}
