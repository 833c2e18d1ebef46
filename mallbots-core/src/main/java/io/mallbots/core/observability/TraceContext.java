package io.mallbots.core.observability;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.HashMap;
import java.util.Map;

/**
 * Moves the W3C trace context between OpenTelemetry and message metadata, so a trace continues across
 * the broker: published messages carry the span that was current when they were raised.
 */
public final class TraceContext {

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
  private static final TextMapSetter<Map<String, String>> SETTER = Map::put;
  private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  private TraceContext() {
  }

  /** {@code traceparent} (and {@code tracestate}) of the current span; empty when none is recording. */
  public static Map<String, String> current() {
    Map<String, String> headers = new HashMap<>();
    W3C.inject(Context.current(), headers, SETTER);
    return headers;
  }

  /** The context a message's metadata names as its parent. */
  public static Context extract(Map<String, String> metadata) {
    return W3C.extract(Context.root(), metadata, GETTER);
  }
}
