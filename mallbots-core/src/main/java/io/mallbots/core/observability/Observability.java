package io.mallbots.core.observability;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the Vert.x instance with metrics and tracing on: Micrometer with a Prometheus registry per
 * Vert.x instance (also behind Micrometer's global registry, so core meters land there too), every
 * meter tagged with its {@code service}, and OpenTelemetry configured by the SDK's autoconfigure,
 * so the standard {@code OTEL_*} variables work ({@code OTEL_SERVICE_NAME}, {@code
 * OTEL_TRACES_SAMPLER}, {@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_PROTOCOL}
 * grpc or http/protobuf, ...). MallBots' own defaults, which those variables override: W3C
 * propagation, no metrics or logs export (Prometheus scrapes), OTLP over HTTP, and no trace export
 * at all until an endpoint is set. Called once per process by launchers and tests, before anything
 * is deployed.
 */
public final class Observability {

  private static final Map<Vertx, PrometheusMeterRegistry> REGISTRIES =
      Collections.synchronizedMap(new WeakHashMap<>());
  private static final Map<Vertx, Tracer> TRACERS =
      Collections.synchronizedMap(new WeakHashMap<>());
  private static final Tracer NO_TRACING = OpenTelemetry.noop().getTracer("io.mallbots");
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private Observability() {}

  /**
   * The registry {@code /metrics} of services on {@code vertx} scrapes. A Vert.x not built here
   * gets a registry of its own, without Vert.x and JVM meters.
   */
  public static PrometheusMeterRegistry prometheus(Vertx vertx) {
    return REGISTRIES.computeIfAbsent(
        vertx, v -> register(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
  }

  /**
   * The tracer of MallBots' own spans (e.g. message consumers) on {@code vertx}: the one Vert.x
   * traces with, or a no-op tracer for a Vert.x not built here (which still passes trace context
   * on).
   */
  public static Tracer tracer(Vertx vertx) {
    return TRACERS.getOrDefault(vertx, NO_TRACING);
  }

  /**
   * A Vert.x with metrics and tracing.
   *
   * @param serviceName the {@code service.name} of the spans
   * @param otlpEndpoint OTLP/HTTP base URL (e.g. {@code http://localhost:4318}), or {@code null}
   *     for none
   * @param extra further span processors (tests pass an in-memory exporter)
   */
  public static Vertx vertx(
      VertxOptions options, String serviceName, String otlpEndpoint, SpanProcessor... extra) {
    // A registry per Vert.x instance: closing a Vert.x closes its registry. Meters that name their
    // own service (RPCs) keep it; the others (JVM, Vert.x, messaging) get the process's.
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("service", serviceName.replaceFirst("^mallbots-", ""));
    register(registry);
    options.setMetricsOptions(
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setJvmMetricsEnabled(true)
            .setRegistryName("mallbots-" + INSTANCES.incrementAndGet()));
    OpenTelemetrySdk openTelemetry = openTelemetry(serviceName, otlpEndpoint, extra);
    Vertx vertx =
        Vertx.builder()
            .with(options)
            .withMetrics(new MicrometerMetricsFactory(registry))
            .withTracer(new OpenTelemetryTracingFactory(openTelemetry))
            .build();
    REGISTRIES.put(vertx, registry);
    TRACERS.put(vertx, openTelemetry.getTracer("io.mallbots"));
    return vertx;
  }

  static OpenTelemetrySdk openTelemetry(
      String serviceName, String otlpEndpoint, SpanProcessor... extra) {
    return openTelemetry(serviceName, otlpEndpoint, Map.of(), extra);
  }

  /**
   * The SDK as autoconfigure builds it from {@code OTEL_*} variables and system properties over
   * MallBots' defaults; {@code overrides} (tests) win over both.
   */
  static OpenTelemetrySdk openTelemetry(
      String serviceName,
      String otlpEndpoint,
      Map<String, String> overrides,
      SpanProcessor... extra) {
    Map<String, String> defaults = new java.util.HashMap<>();
    defaults.put("otel.service.name", serviceName);
    defaults.put("otel.propagators", "tracecontext");
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
    boolean endpoint = otlpEndpoint != null && !otlpEndpoint.isBlank();
    defaults.put("otel.traces.exporter", endpoint ? "otlp" : "none");
    if (endpoint) {
      defaults.put("otel.exporter.otlp.endpoint", otlpEndpoint);
    }
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> defaults)
        .addPropertiesCustomizer(config -> overrides)
        .addTracerProviderCustomizer(
            (tracing, config) -> {
              for (SpanProcessor processor : extra) {
                tracing.addSpanProcessor(processor);
              }
              return tracing;
            })
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
  }

  private static PrometheusMeterRegistry register(PrometheusMeterRegistry registry) {
    Metrics.addRegistry(registry);
    return registry;
  }
}
