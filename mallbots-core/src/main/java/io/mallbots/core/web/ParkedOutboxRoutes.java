package io.mallbots.core.web;

import io.mallbots.core.db.Database;
import io.mallbots.core.domain.DomainException;
import io.mallbots.core.outbox.ParkedOutbox;
import io.mallbots.core.rpc.RpcAccess;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The operator's view of the outbox rows the relay could not publish ({@link ParkedOutbox}):
 * {@code GET /outbox/parked?limit=N} lists the most recently parked, {@code POST /outbox/parked/<id>/replay}
 * moves one back to the outbox at the head of its aggregate (202; 404 when unknown). Guarded like the
 * dead-letter routes, by the same access rule.
 */
final class ParkedOutboxRoutes {

  private static final int MAX_LIMIT = 500;

  private ParkedOutboxRoutes() {
  }

  static void mount(Router router, Database database, RpcAccess access) {
    ParkedOutbox parked = new ParkedOutbox(database);
    router.get("/outbox/parked").handler(ctx -> {
      if (!DeadLetterRoutes.allowed(ctx, access, "ListParkedOutbox")) {
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
      parked.newest(limit).onComplete(result -> {
        if (result.failed()) {
          json(ctx, 503, error("UNAVAILABLE", "the database did not answer"));
        } else {
          json(ctx, 200, new JsonObject().put("parked", new JsonArray(result.result())));
        }
      });
    });
    router.post("/outbox/parked/:id/replay").handler(ctx -> {
      if (!DeadLetterRoutes.allowed(ctx, access, "ReplayParkedOutbox")) {
        return;
      }
      String id = ctx.pathParam("id");
      parked.replay(id).onComplete(result -> {
        if (result.failed()) {
          json(ctx, 503, error("UNAVAILABLE", "the database did not answer"));
        } else if (result.result() == ParkedOutbox.Replay.REPLAYED) {
          json(ctx, 202, new JsonObject().put("replayed", id));
        } else {
          json(ctx, 404, error("NOT_FOUND", "no parked outbox row " + id));
        }
      });
    });
  }



  private static JsonObject error(String code, String message) {
    return new JsonObject().put("code", code).put("message", message);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
  }
}
