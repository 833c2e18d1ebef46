package io.mallbots.core.web;

import io.mallbots.core.deadletters.DeadLetters;
import io.mallbots.core.observability.Observability;
import io.mallbots.core.rpc.IntakeSwitch;
import io.mallbots.core.rpc.JsonBridge;
import io.mallbots.core.rpc.RpcAccess;
import io.mallbots.core.rpc.RpcEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The HTTP faces every service shows. The API port: {@code /openapi.json} and {@code /openapi.yaml}
 * (the JSON document is valid YAML), Swagger UI at {@code /swagger/}, and the JSON bridge of the
 * service's RPCs under {@code /v1/api/<service>/}, with the API's TLS. The management port, plain
 * HTTP for probes and scrapers (so mTLS with required client certificates on the API ports breaks
 * neither): {@code /liveness}, {@code /readiness} (200 or 503 with the state of each dependency),
 * {@code /metrics} (Prometheus) and the operators' admin routes (dead letters, parked outbox rows,
 * the intake switch and drain report of a paused broker swap). Errors are JSON with the status's
 * name and a message.
 */
public final class HttpRoutes {

  private HttpRoutes() {}

  /**
   * The API port's routes: the JSON bridge of {@code endpoints}, its OpenAPI document and Swagger
   * UI.
   */
  public static Router api(Vertx vertx, String service, List<RpcEndpoint> endpoints) {
    Router router = Router.router(vertx);
    String openApi = OpenApiDocument.of(service, "v1", endpoints).encodePrettily();
    router
        .get("/openapi.json")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(openApi));
    router
        .get("/openapi.yaml")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml")
                    .end(openApi));

    router.getWithRegex("/swagger$").handler(ctx -> ctx.redirect("/swagger/"));
    router
        .get("/swagger/swagger-initializer.js")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/javascript")
                    .end(
                        "window.onload = function () {\n"
                            + "  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true,\n"
                            + "    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });\n"
                            + "};\n"));
    router
        .get("/swagger/*")
        .handler(
            StaticHandler.create("META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion()));

    JsonBridge.mount(router, service, endpoints);
    return finish(router);
  }

  /**
   * The management port's routes: health, metrics and, when {@code deadLetters} is given, the
   * operators' dead-letter routes ({@link DeadLetterRoutes}) guarded by {@code access}.
   */
  public static Router management(
      Vertx vertx, HealthChecks readiness, DeadLetters deadLetters, RpcAccess access) {
    return management(vertx, readiness, deadLetters, access, null, null);
  }

  /**
   * As {@link #management(Vertx, HealthChecks, DeadLetters, RpcAccess)}, with the operators' intake
   * switch and drain report ({@link IntakeRoutes}) when {@code intake} is given.
   */
  public static Router management(
      Vertx vertx,
      HealthChecks readiness,
      DeadLetters deadLetters,
      RpcAccess access,
      IntakeSwitch intake,
      Supplier<Future<JsonObject>> drain) {
    Router router = Router.router(vertx);
    router.get("/liveness").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/readiness").handler(HealthCheckHandler.createWithHealthChecks(readiness));
    router
        .get("/metrics")
        .handler(PrometheusScrapingHandler.create(Observability.prometheus(vertx)));
    if (deadLetters != null) {
      DeadLetterRoutes.mount(router, deadLetters, access);
      ParkedOutboxRoutes.mount(router, deadLetters.database(), access);
    }
    if (intake != null) {
      IntakeRoutes.mount(router, intake, drain, access);
    }
    return finish(router);
  }

  private static Router finish(Router router) {
    router
        .route()
        .last()
        .handler(ctx -> json(ctx, 404, error("NOT_FOUND", "no route for " + ctx.request().path())));
    router.route().failureHandler(HttpRoutes::failure);
    return router;
  }

  private static void failure(RoutingContext ctx) {
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    String code =
        switch (status) {
          case 400 -> "INVALID_ARGUMENT";
          case 404 -> "NOT_FOUND";
          case 405 -> "UNIMPLEMENTED";
          case 413 -> "RESOURCE_EXHAUSTED";
          default -> status < 500 ? "INVALID_ARGUMENT" : "INTERNAL";
        };
    String message =
        status == 413
            ? "request body larger than " + RpcEndpoint.MAX_MESSAGE_BYTES + " bytes"
            : status < 500 && ctx.failure() != null ? ctx.failure().getMessage() : "request failed";
    if (!ctx.response().ended()) {
      json(ctx, status, error(code, message == null ? "request failed" : message));
    }
  }

  private static JsonObject error(String code, String message) {
    return new JsonObject().put("code", code).put("message", message);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.encode());
  }

  private static String swaggerUiVersion() {
    try (InputStream in =
        HttpRoutes.class
            .getClassLoader()
            .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("the swagger-ui webjar is missing from the classpath", e);
    }
  }
}
