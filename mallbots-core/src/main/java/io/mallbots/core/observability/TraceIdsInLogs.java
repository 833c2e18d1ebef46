package io.mallbots.core.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the current trace and span ids in the MDC ({@code trace_id}, {@code span_id}) just before a
 * line is logged, so every line says which request or message it belongs to, in text and JSON
 * alike. Runs on the logging thread (an event loop, mostly), where Vert.x keeps the OpenTelemetry
 * context of the work at hand; decides nothing.
 */
public final class TraceIdsInLogs extends TurboFilter {

  static final String TRACE_ID = "trace_id";
  static final String SPAN_ID = "span_id";

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    // Not logger.isEnabledFor: it asks the turbo filters again. A level check costs less than the
    // MDC work.
    if (level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
      return FilterReply.NEUTRAL;
    }
    SpanContext span = Span.current().getSpanContext();
    if (span.isValid()) {
      MDC.put(TRACE_ID, span.getTraceId());
      MDC.put(SPAN_ID, span.getSpanId());
    } else {
      MDC.remove(TRACE_ID);
      MDC.remove(SPAN_ID);
    }
    return FilterReply.NEUTRAL;
  }
}
