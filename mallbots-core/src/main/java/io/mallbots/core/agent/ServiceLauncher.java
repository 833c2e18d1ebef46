package io.mallbots.core.agent;

import io.mallbots.core.config.Settings;
import io.mallbots.core.observability.Observability;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code main} of a service running in its own JVM: builds Vert.x with metrics and tracing,
 * deploys the service's verticle, and on SIGTERM or Ctrl-C undeploys it (draining in-flight work)
 * before exit.
 */
public final class ServiceLauncher {

  private static final Logger log = LoggerFactory.getLogger(ServiceLauncher.class);

  private ServiceLauncher() {}

  /** Starts the service; exits the JVM with status 1 if it cannot start. */
  public static void launch(
      String service, Function<Map<String, String>, ServiceVerticle<?>> verticle) {
    String otlp = Settings.of(service, System.getenv()).string("OTEL_EXPORTER_OTLP_ENDPOINT", null);
    Vertx vertx = Observability.vertx(new VertxOptions(), "mallbots-" + service, otlp);
    vertx
        .deployVerticle(verticle.apply(Map.of()))
        .onComplete(
            deployed -> {
              if (deployed.failed()) {
                log.error("{} could not start", service, deployed.cause());
                vertx.close().onComplete(v -> System.exit(1));
              } else {
                log.info("{} is up", service);
              }
            });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("{} shutting down", service);
                  try {
                    vertx
                        .close()
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    log.warn("{} did not stop cleanly: {}", service, e.toString());
                  }
                },
                service + "-shutdown"));
  }
}
