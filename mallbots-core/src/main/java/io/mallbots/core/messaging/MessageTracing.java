package io.mallbots.core.messaging;

import io.mallbots.core.observability.Observability;
import io.mallbots.core.observability.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.util.function.Supplier;

/**
 * Runs the handling of one message inside a consumer span that continues the trace its metadata
 * carries, so that a checkout stays one trace across the broker: the span is the parent of the SQL
 * and gRPC client spans of the handling and of the messages it raises (through {@link
 * TraceContext}). Called by {@link MessageDispatcher} for each attempt, on the subscribing context.
 */
final class MessageTracing {

  private MessageTracing() {}

  /**
   * Calls {@code handling} on a duplicate of {@code context} (its own for this attempt) with the
   * consumer span current; the span ends, marked as an error on failure, when the handling
   * completes.
   */
  static Future<Void> process(
      io.vertx.core.Context context,
      Message message,
      String group,
      int attempt,
      Supplier<Future<Void>> handling) {
    Context parent = TraceContext.extract(message.metadata());
    Span span =
        Observability.tracer(context.owner())
            .spanBuilder("process " + message.topic())
            .setSpanKind(SpanKind.CONSUMER)
            .setParent(parent)
            .setAttribute("messaging.operation.type", "process")
            .setAttribute("messaging.destination.name", message.topic())
            .setAttribute("messaging.consumer.group.name", group)
            .setAttribute("messaging.message.id", message.id())
            .setAttribute("mallbots.message.name", message.name())
            .setAttribute("mallbots.delivery.attempt", attempt)
            .startSpan();
    Context traced = parent.with(span);
    Promise<Void> done = Promise.promise();
    ContextInternal own = ((ContextInternal) context).duplicate();
    own.dispatch(
        v -> {
          // Not closed: the attachment lives in this attempt's own duplicate and goes away with it,
          // while the handling's asynchronous steps (SQL, gRPC, outbox) still run on it.
          traced.makeCurrent();
          TraceContext.beginWork(traced);
          Future<Void> handled;
          try {
            handled = handling.get();
          } catch (RuntimeException e) {
            handled = Future.failedFuture(e);
          }
          handled.onComplete(
              result -> {
                if (result.failed()) {
                  span.recordException(result.cause());
                  span.setStatus(StatusCode.ERROR, String.valueOf(result.cause().getMessage()));
                }
                span.end();
                done.handle(result);
              });
        });
    return done.future();
  }
}
