package io.mallbots.core.web;

import static io.mallbots.core.web.AdminRoutes.allowed;
import static io.mallbots.core.web.AdminRoutes.error;
import static io.mallbots.core.web.AdminRoutes.json;
import static io.mallbots.core.web.AdminRoutes.limit;

import io.mallbots.core.db.Database;
import io.mallbots.core.outbox.ParkedOutbox;
import io.mallbots.core.rpc.RpcAccess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The operator's view of the outbox rows the relay could not publish ({@link ParkedOutbox}): {@code
 * GET /outbox/parked?limit=N} lists the most recently parked, {@code POST
 * /outbox/parked/<id>/replay} moves one back to the outbox at the head of its aggregate (202; 404
 * when unknown). Guarded like the dead-letter routes, by the same access rule.
 */
final class ParkedOutboxRoutes {

  private ParkedOutboxRoutes() {}

  static void mount(Router router, Database database, RpcAccess access) {
    ParkedOutbox parked = new ParkedOutbox(database);
    router
        .get("/outbox/parked")
        .handler(
            ctx -> {
              if (!allowed(ctx, access, "ListParkedOutbox")) {
                return;
              }
              int limit = limit(ctx);
              if (limit < 0) {
                return;
              }
              parked
                  .newest(limit)
                  .onComplete(
                      result -> {
                        if (result.failed()) {
                          json(ctx, 503, error("UNAVAILABLE", "the database did not answer"));
                        } else {
                          json(
                              ctx,
                              200,
                              new JsonObject().put("parked", new JsonArray(result.result())));
                        }
                      });
            });
    router
        .post("/outbox/parked/:id/replay")
        .handler(
            ctx -> {
              if (!allowed(ctx, access, "ReplayParkedOutbox")) {
                return;
              }
              String id = ctx.pathParam("id");
              parked
                  .replay(id)
                  .onComplete(
                      result -> {
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
}
