package io.mallbots.core.outbox;

import io.mallbots.core.db.Tx;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.observability.TraceContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Adds messages to the outbox inside the caller's transaction, so they leave the service if and only
 * if the change that raised them commits. Messages raised while handling another message inherit its
 * correlation id and name it as their cause, and continue its trace (as children of the handling's
 * consumer span); others carry the trace context of the unit of work, e.g. the RPC's server span
 * ({@link TraceContext#current()}).
 */
public final class Outbox {

  private static final String INSERT = "INSERT INTO outbox (id, topic, name, version, aggregate_id, payload, metadata) "
      + "VALUES ($1, $2, $3, $4, $5, $6, $7)";

  private Outbox() {
  }

  public static Future<Void> append(Tx tx, List<Message> messages) {
    if (messages.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = messages.stream().map(m -> row(withLineage(m, tx.cause()))).toList();
    tx.markOutboxWritten();
    return tx.connection().preparedQuery(INSERT).executeBatch(rows).mapEmpty();
  }

  public static Future<Void> append(Tx tx, Message message) {
    return append(tx, List.of(message));
  }

  private static Message withLineage(Message message, Message cause) {
    if (cause == null) {
      Map<String, String> fresh = new HashMap<>();
      if (message.metadata(Metadata.TRACEPARENT) == null) {
        fresh.putAll(TraceContext.current());
      }
      if (message.metadata(Metadata.CORRELATION_ID) == null) {
        fresh.put(Metadata.CORRELATION_ID, message.id());
      }
      return fresh.isEmpty() ? message : message.withMetadata(fresh);
    }
    Map<String, String> inherited = new HashMap<>();
    inherited.put(Metadata.CAUSATION_ID, cause.id());
    inherited.put(Metadata.CORRELATION_ID,
        cause.metadata().getOrDefault(Metadata.CORRELATION_ID, cause.id()));
    if (message.metadata(Metadata.TRACEPARENT) == null) {
      // The handling's consumer span (a child of the cause's) when traced, else the cause's own context.
      Map<String, String> trace = TraceContext.current();
      if (trace.isEmpty()) {
        for (String key : List.of(Metadata.TRACEPARENT, Metadata.TRACESTATE)) {
          if (cause.metadata(key) != null) {
            trace.put(key, cause.metadata(key));
          }
        }
      }
      inherited.putAll(trace);
    }
    return message.withMetadata(inherited);
  }

  private static Tuple row(Message m) {
    return Tuple.of(UUID.fromString(m.id()), m.topic(), m.name(), m.version(), m.aggregateId(),
        Buffer.buffer(m.payload()), new JsonObject(Map.copyOf(m.metadata())));
  }
}
