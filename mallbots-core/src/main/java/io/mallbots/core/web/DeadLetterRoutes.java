package io.mallbots.core.web;

import static io.mallbots.core.web.AdminRoutes.forOperators;
import static io.mallbots.core.web.AdminRoutes.limit;

import io.mallbots.core.deadletters.DeadLetters;
import io.mallbots.core.rpc.RpcAccess;
import io.mallbots.core.web.AdminRoutes.Answer;
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
    forOperators(
        router.get("/dead-letters"),
        access,
        "ListDeadLetters",
        ctx ->
            deadLetters
                .newest(limit(ctx))
                .map(
                    newest ->
                        new Answer(
                            200, new JsonObject().put("deadLetters", new JsonArray(newest)))));
    forOperators(
        router.post("/dead-letters/:subscriber/:messageId/replay"),
        access,
        "ReplayDeadLetter",
        ctx -> {
          String subscriber = ctx.pathParam("subscriber");
          String messageId = ctx.pathParam("messageId");
          return deadLetters
              .replay(messageId, subscriber)
              .map(
                  replay ->
                      switch (replay) {
                        case REPLAYED ->
                            new Answer(
                                202,
                                new JsonObject()
                                    .put("replayed", messageId)
                                    .put("subscriber", subscriber));
                        case ALREADY_REPLAYED ->
                            Answer.refused(
                                409, "ALREADY_EXISTS", messageId + " was already replayed");
                        default ->
                            Answer.refused(
                                404,
                                "NOT_FOUND",
                                "no dead letter " + messageId + " of " + subscriber);
                      });
        });
  }
}
