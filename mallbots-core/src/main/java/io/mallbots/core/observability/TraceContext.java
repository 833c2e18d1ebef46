package io.mallbots.core.observability;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.vertx.core.internal.ContextInternal;
import java.util.HashMap;
import java.util.Map;

/**
 * Moves the W3C trace context between OpenTelemetry and message metadata, so a trace continues
 * across the broker: published messages carry the span of the unit of work that raised them, i.e.
 * the server span of the RPC or the consumer span of the message being handled.
 *
 * <p>Why a unit of work is remembered apart from OpenTelemetry's current context: by the time the
 * outbox captures the context, a request has made SQL and gRPC client calls on the same Vert.x
 * context, and the current span need not be the request's any more. The unit of work lives in the
 * locals of the request's (or message's) own duplicated Vert.x context, so concurrent work never
 * sees another's.
 */
public final class TraceContext {

  private static final String WORK = "mallbots.trace.work";
  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
  private static final TextMapSetter<Map<String, String>> SETTER = Map::put;
  private static final TextMapGetter<Map<String, String>> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private TraceContext() {}

  /**
   * {@code traceparent} (and {@code tracestate}) of the current unit of work's span, or of the
   * current span outside one; empty when none is recording.
   */
  public static Map<String, String> current() {
    Map<String, String> headers = new HashMap<>();
    W3C.inject(work(), headers, SETTER);
    return headers;
  }

  /** The context a message's metadata names as its parent. */
  public static Context extract(Map<String, String> metadata) {
    return W3C.extract(Context.root(), metadata, GETTER);
  }

  /**
   * Marks {@code trace} as the unit of work running on the current Vert.x context. Only a
   * duplicated context (one per request or message) is marked: a shared event-loop context would
   * leak it to others.
   */
  public static void beginWork(Context trace) {
    ContextInternal vertx = ContextInternal.current();
    if (vertx != null && vertx.isDuplicate()) {
      vertx.putLocal(WORK, trace);
    }
  }

  /**
   * The unit of work's trace context on the current Vert.x context, else OpenTelemetry's current
   * one.
   */
  public static Context work() {
    ContextInternal vertx = ContextInternal.current();
    if (vertx != null) {
      Context work = vertx.getLocal(WORK);
      if (work != null) {
        return work;
      }
    }
    return Context.current();
  }
}
