package io.mallbots.core.web;

import io.mallbots.core.deadletters.DeadLetters;
import io.mallbots.common.v1.Access;
import io.mallbots.core.domain.PermissionDenied;
import io.mallbots.core.domain.Unauthenticated;
import io.mallbots.core.rpc.RpcAccess;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The operator's view of a service's dead letters: {@code GET /dead-letters?limit=N} lists the newest,
 * {@code POST /dead-letters/<subscriber>/<messageId>/replay} publishes one again (202; 404 when unknown,
 * 409 when already replayed). With {@code AUTH_REQUIRED} both are for operators only ({@code ACCESS_OPERATOR}:
 * 401 without a valid token, 403 for anyone but an operator).
 */
final class DeadLetterRoutes {

  private static final int MAX_LIMIT = 500;

  private DeadLetterRoutes() {
  }

  static void mount(Router router, DeadLetters deadLetters, RpcAccess access) {
    router.get("/dead-letters").handler(ctx -> {
      if (!allowed(ctx, access, "ListDeadLetters")) {
        return;
      }
      int limit;
      try {
        limit = Integer.parseInt(ctx.queryParams().get("limit") == null ? "100" : ctx.queryParams().get("limit"));
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        json(ctx, 400, error("INVALID_ARGUMENT", "limit must be a whole number from 1 to " + MAX_LIMIT));
        return;
      }
      deadLetters.newest(limit).onComplete(result -> {
        if (result.failed()) {
          json(ctx, 503, error("UNAVAILABLE", "the database did not answer"));
        } else {
          json(ctx, 200, new JsonObject().put("deadLetters", new JsonArray(result.result())));
        }
      });
    });
    router.post("/dead-letters/:subscriber/:messageId/replay").handler(ctx -> {
      if (!allowed(ctx, access, "ReplayDeadLetter")) {
        return;
      }
      String subscriber = ctx.pathParam("subscriber");
      String messageId = ctx.pathParam("messageId");
      deadLetters.replay(messageId, subscriber).onComplete(result -> {
        if (result.failed()) {
          json(ctx, 503, error("UNAVAILABLE", "the database did not answer"));
          return;
        }
        switch (result.result()) {
          case REPLAYED -> json(ctx, 202, new JsonObject().put("replayed", messageId).put("subscriber", subscriber));
          case ALREADY_REPLAYED -> json(ctx, 409, error("ALREADY_EXISTS", messageId + " was already replayed"));
          default -> json(ctx, 404, error("NOT_FOUND", "no dead letter " + messageId + " of " + subscriber));
        }
      });
    });
  }

  /** Whether the caller is an operator; answers 401 or 403 when not. Shared by every admin route. */
  static boolean allowed(RoutingContext ctx, RpcAccess access, String operation) {
    try {
      access.admit(Access.ACCESS_OPERATOR, operation, ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
      return true;
    } catch (Unauthenticated refused) {
      json(ctx, 401, error("UNAUTHENTICATED", refused.getMessage()));
      return false;
    } catch (PermissionDenied refused) {
      json(ctx, 403, error("PERMISSION_DENIED", refused.getMessage()));
      return false;
    }
  }

  private static JsonObject error(String code, String message) {
    return new JsonObject().put("code", code).put("message", message);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
  }
}
