package io.mallbots.core.observability;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Collections;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the Vert.x instance with metrics and tracing on: Micrometer with a Prometheus registry per
 * Vert.x instance (also behind Micrometer's global registry, so core meters land there too) and
 * OpenTelemetry with W3C propagation, exporting over OTLP/HTTP when an endpoint is configured.
 * Called once per process by launchers and tests, before anything is deployed.
 */
public final class Observability {

  private static final Map<Vertx, PrometheusMeterRegistry> REGISTRIES = Collections.synchronizedMap(new WeakHashMap<>());
  private static final Map<Vertx, Tracer> TRACERS = Collections.synchronizedMap(new WeakHashMap<>());
  private static final Tracer NO_TRACING = OpenTelemetry.noop().getTracer("io.mallbots");
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private Observability() {
  }

  /**
   * The registry {@code /metrics} of services on {@code vertx} scrapes. A Vert.x not built here gets
   * a registry of its own, without Vert.x and JVM meters.
   */
  public static PrometheusMeterRegistry prometheus(Vertx vertx) {
    return REGISTRIES.computeIfAbsent(vertx, v -> register(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
  }

  /**
   * The tracer of MallBots' own spans (e.g. message consumers) on {@code vertx}: the one Vert.x traces
   * with, or a no-op tracer for a Vert.x not built here (which still passes trace context on).
   */
  public static Tracer tracer(Vertx vertx) {
    return TRACERS.getOrDefault(vertx, NO_TRACING);
  }

  /**
   * A Vert.x with metrics and tracing.
   *
   * @param serviceName  the {@code service.name} of the spans
   * @param otlpEndpoint OTLP/HTTP base URL (e.g. {@code http://localhost:4318}), or {@code null} for none
   * @param extra        further span processors (tests pass an in-memory exporter)
   */
  public static Vertx vertx(VertxOptions options, String serviceName, String otlpEndpoint, SpanProcessor... extra) {
    // A registry per Vert.x instance: closing a Vert.x closes its registry.
    PrometheusMeterRegistry registry = register(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
        .setRegistryName("mallbots-" + INSTANCES.incrementAndGet()));
    OpenTelemetrySdk openTelemetry = openTelemetry(serviceName, otlpEndpoint, extra);
    Vertx vertx = Vertx.builder().with(options)
        .withMetrics(new MicrometerMetricsFactory(registry))
        .withTracer(new OpenTelemetryTracingFactory(openTelemetry))
        .build();
    REGISTRIES.put(vertx, registry);
    TRACERS.put(vertx, openTelemetry.getTracer("io.mallbots"));
    return vertx;
  }

  static OpenTelemetrySdk openTelemetry(String serviceName, String otlpEndpoint, SpanProcessor... extra) {
    List<SpanProcessor> processors = new ArrayList<>(List.of(extra));
    if (otlpEndpoint != null && !otlpEndpoint.isBlank()) {
      String url = otlpEndpoint.endsWith("/v1/traces") ? otlpEndpoint
          : otlpEndpoint.replaceAll("/$", "") + "/v1/traces";
      processors.add(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(url).build()).build());
    }
    SdkTracerProviderBuilder tracing = io.opentelemetry.sdk.trace.SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(
            Attributes.of(io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), serviceName))));
    processors.forEach(tracing::addSpanProcessor);
    return OpenTelemetrySdk.builder().setTracerProvider(tracing.build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }

  private static PrometheusMeterRegistry register(PrometheusMeterRegistry registry) {
    Metrics.addRegistry(registry);
    return registry;
  }
}
