package io.mallbots.core.web;

import io.mallbots.common.v1.Access;
import io.mallbots.core.domain.PermissionDenied;
import io.mallbots.core.domain.Unauthenticated;
import io.mallbots.core.rpc.RpcAccess;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * What the operators' routes of the management port share: the operator rule, the page size, JSON
 * answers, and a failed look-up answered as 503.
 */
final class AdminRoutes {

  private static final int MAX_LIMIT = 500;

  /** What an operator's route answers: an HTTP status and a JSON body. */
  record Answer(int status, JsonObject body) {

    static Answer refused(int status, String code, String message) {
      return new Answer(status, error(code, message));
    }
  }

  /** A request an operator route cannot take: answered 400 with the message. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message, null, false, false);
    }
  }

  private AdminRoutes() {}

  /**
   * Handles {@code route} for operators only (401 or 403 for anyone else): {@code action} gives the
   * answer; a {@link BadRequest} it throws is a 400, a failed answer (the database did not answer)
   * a 503.
   */
  static void forOperators(
      Route route,
      RpcAccess access,
      String operation,
      Function<RoutingContext, Future<Answer>> action) {
    route.handler(
        ctx -> {
          if (!allowed(ctx, access, operation)) {
            return;
          }
          Future<Answer> answer;
          try {
            answer = action.apply(ctx);
          } catch (BadRequest bad) {
            json(ctx, 400, error("INVALID_ARGUMENT", bad.getMessage()));
            return;
          }
          answer.onComplete(
              result -> {
                if (result.failed()) {
                  json(ctx, 503, error("UNAVAILABLE", "the database did not answer"));
                } else {
                  json(ctx, result.result().status(), result.result().body());
                }
              });
        });
  }

  /** Whether the caller is an operator; answers 401 or 403 when not. */
  private static boolean allowed(RoutingContext ctx, RpcAccess access, String operation) {
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

  /** The {@code limit} query parameter: 100 when absent, else 1 to 500 ({@link BadRequest}). */
  static int limit(RoutingContext ctx) {
    String asked = ctx.queryParams().get("limit");
    int limit;
    try {
      limit = asked == null ? 100 : Integer.parseInt(asked);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
    }
    return limit;
  }

  static JsonObject error(String code, String message) {
    return new JsonObject().put("code", code).put("message", message);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.encode());
  }
}
