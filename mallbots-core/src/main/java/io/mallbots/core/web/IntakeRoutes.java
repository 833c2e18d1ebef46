package io.mallbots.core.web;

import static io.mallbots.core.web.AdminRoutes.forOperators;

import io.mallbots.core.rpc.IntakeSwitch;
import io.mallbots.core.rpc.RpcAccess;
import io.mallbots.core.web.AdminRoutes.Answer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/**
 * The operator's switch for a paused broker swap: {@code POST /intake/pause} stops the service
 * taking outside requests ({@link IntakeSwitch}), {@code POST /intake/resume} opens it again (both
 * answer the switch's state), and {@code GET /drain} tells what is still in flight (outbox rows,
 * each group's lag, sagas waiting for a reply). Guarded like the dead-letter routes, by the same
 * access rule.
 */
final class IntakeRoutes {

  private IntakeRoutes() {}

  static void mount(
      Router router, IntakeSwitch intake, Supplier<Future<JsonObject>> drain, RpcAccess access) {
    forOperators(
        router.post("/intake/pause"),
        access,
        "PauseIntake",
        ctx -> {
          intake.pause();
          return state(intake);
        });
    forOperators(
        router.post("/intake/resume"),
        access,
        "ResumeIntake",
        ctx -> {
          intake.resume();
          return state(intake);
        });
    forOperators(
        router.get("/drain"),
        access,
        "GetDrain",
        ctx -> drain.get().map(report -> new Answer(200, report)));
  }

  private static Future<Answer> state(IntakeSwitch intake) {
    return Future.succeededFuture(
        new Answer(
            200,
            new JsonObject()
                .put("paused", intake.paused())
                .put(
                    "pausedSince", intake.paused() ? String.valueOf(intake.pausedSince()) : null)));
  }
}
