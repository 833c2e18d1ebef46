package io.mallbots.core.web;

import static io.mallbots.core.web.AdminRoutes.forOperators;
import static io.mallbots.core.web.AdminRoutes.limit;

import io.mallbots.core.db.Database;
import io.mallbots.core.outbox.ParkedOutbox;
import io.mallbots.core.rpc.RpcAccess;
import io.mallbots.core.web.AdminRoutes.Answer;
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
    forOperators(
        router.get("/outbox/parked"),
        access,
        "ListParkedOutbox",
        ctx ->
            parked
                .newest(limit(ctx))
                .map(
                    newest ->
                        new Answer(200, new JsonObject().put("parked", new JsonArray(newest)))));
    forOperators(
        router.post("/outbox/parked/:id/replay"),
        access,
        "ReplayParkedOutbox",
        ctx -> {
          String id = ctx.pathParam("id");
          return parked
              .replay(id)
              .map(
                  replay ->
                      replay == ParkedOutbox.Replay.REPLAYED
                          ? new Answer(202, new JsonObject().put("replayed", id))
                          : Answer.refused(404, "NOT_FOUND", "no parked outbox row " + id));
        });
  }
}
