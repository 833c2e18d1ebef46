package io.mallbots.core.web;

import static io.mallbots.core.web.AdminRoutes.allowed;
import static io.mallbots.core.web.AdminRoutes.error;
import static io.mallbots.core.web.AdminRoutes.json;

import io.mallbots.core.rpc.IntakeSwitch;
import io.mallbots.core.rpc.RpcAccess;
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
    router
        .post("/intake/pause")
        .handler(
            ctx -> {
              if (allowed(ctx, access, "PauseIntake")) {
                intake.pause();
                json(ctx, 200, state(intake));
              }
            });
    router
        .post("/intake/resume")
        .handler(
            ctx -> {
              if (allowed(ctx, access, "ResumeIntake")) {
                intake.resume();
                json(ctx, 200, state(intake));
              }
            });
    router
        .get("/drain")
        .handler(
            ctx -> {
              if (!allowed(ctx, access, "GetDrain")) {
                return;
              }
              drain
                  .get()
                  .onComplete(
                      report -> {
                        if (report.failed()) {
                          json(ctx, 503, error("UNAVAILABLE", "the database did not answer"));
                        } else {
                          json(ctx, 200, report.result());
                        }
                      });
            });
  }

  private static JsonObject state(IntakeSwitch intake) {
    return new JsonObject()
        .put("paused", intake.paused())
        .put("pausedSince", intake.paused() ? String.valueOf(intake.pausedSince()) : null);
  }
}
