package io.mallbots.core.web;

import static io.mallbots.core.web.AdminRoutes.allowed;
import static io.mallbots.core.web.AdminRoutes.error;
import static io.mallbots.core.web.AdminRoutes.json;
import static io.mallbots.core.web.AdminRoutes.limit;

import io.mallbots.core.deadletters.DeadLetters;
import io.mallbots.core.rpc.RpcAccess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The operator's view of a service's dead letters: {@code GET /dead-letters?limit=N} lists the
 * newest, {@code POST /dead-letters/<subscriber>/<messageId>/replay} publishes one again (202; 404
 * when unknown, 409 when already replayed). With {@code AUTH_REQUIRED} both are for operators only
 * ({@code ACCESS_OPERATOR}: 401 without a valid token, 403 for anyone but an operator).
 */
final class DeadLetterRoutes {

  private DeadLetterRoutes() {}

  static void mount(Router router, DeadLetters deadLetters, RpcAccess access) {
    router
        .get("/dead-letters")
        .handler(
            ctx -> {
              if (!allowed(ctx, access, "ListDeadLetters")) {
                return;
              }
              int limit = limit(ctx);
              if (limit < 0) {
                return;
              }
              deadLetters
                  .newest(limit)
                  .onComplete(
                      result -> {
                        if (result.failed()) {
                          json(ctx, 503, error("UNAVAILABLE", "the database did not answer"));
                        } else {
                          json(
                              ctx,
                              200,
                              new JsonObject().put("deadLetters", new JsonArray(result.result())));
                        }
                      });
            });
    router
        .post("/dead-letters/:subscriber/:messageId/replay")
        .handler(
            ctx -> {
              if (!allowed(ctx, access, "ReplayDeadLetter")) {
                return;
              }
              String subscriber = ctx.pathParam("subscriber");
              String messageId = ctx.pathParam("messageId");
              deadLetters
                  .replay(messageId, subscriber)
                  .onComplete(
                      result -> {
                        if (result.failed()) {
                          json(ctx, 503, error("UNAVAILABLE", "the database did not answer"));
                          return;
                        }
                        switch (result.result()) {
                          case REPLAYED ->
                              json(
                                  ctx,
                                  202,
                                  new JsonObject()
                                      .put("replayed", messageId)
                                      .put("subscriber", subscriber));
                          case ALREADY_REPLAYED ->
                              json(
                                  ctx,
                                  409,
                                  error("ALREADY_EXISTS", messageId + " was already replayed"));
                          default ->
                              json(
                                  ctx,
                                  404,
                                  error(
                                      "NOT_FOUND",
                                      "no dead letter " + messageId + " of " + subscriber));
                        }
                      });
            });
  }
}
