package io.mallbots.core.outbox;

import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.observability.TraceContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Adds messages to the outbox inside the caller's transaction, so they leave the service if and
 * only if the change that raised them commits. Messages raised while handling another message
 * inherit its correlation id and name it as their cause, and continue its trace (as children of the
 * handling's consumer span); others carry the trace context of the unit of work, e.g. the RPC's
 * server span ({@link TraceContext#current()}).
 *
 * <p>Appended messages are inserted with one statement per transaction, just before its {@code
 * COMMIT} ({@link Tx#beforeCommit}): a batch of deliveries whose effects each raise events costs
 * one insert, not one round trip per effect. A step that may roll back to a savepoint calls {@link
 * #write} before the savepoint and {@link #discardUnwritten} after rolling back to it.
 *
 * <p>A message larger than {@link Tx#messageMaxBytes()} ({@code MESSAGE_MAX_BYTES}, counted by
 * {@link #size}) fails the append with {@link Invalid}, so the caller's transaction rolls back and
 * the request is refused: a row the broker cannot take would otherwise sit in the outbox until the
 * relay parks it.
 */
public final class Outbox {

  // WITH ORDINALITY and ORDER BY: seq follows the order of appending, which the relay keeps per
  // aggregate.
  private static final String INSERT =
      "INSERT INTO outbox (id, topic, name, version, aggregate_id, payload, metadata) "
          + "SELECT m.id, m.topic, m.name, m.version, m.aggregate_id, m.payload, m.metadata::jsonb "
          + "FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::bytea[], "
          + "$7::text[]) WITH ORDINALITY AS m(id, topic, name, version, aggregate_id, payload, "
          + "metadata, n) ORDER BY m.n";

  private Outbox() {}

  public static Future<Void> append(Tx tx, List<Message> messages) {
    if (messages.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Message> stamped = messages.stream().map(m -> withLineage(m, tx.cause())).toList();
    for (Message message : stamped) {
      int size = size(message);
      if (size > tx.messageMaxBytes()) {
        return Future.failedFuture(
            new Invalid(
                "MESSAGE_TOO_LARGE",
                message.name()
                    + " "
                    + message.id()
                    + " of "
                    + message.aggregateId()
                    + " is "
                    + size
                    + " bytes, more than the "
                    + tx.messageMaxBytes()
                    + " bytes a message may have (MESSAGE_MAX_BYTES)"));
      }
    }
    if (!tx.wroteOutbox()) {
      tx.markOutboxWritten();
      tx.beforeCommit(() -> write(tx));
    }
    tx.unwrittenOutbox().addAll(stamped);
    return Future.succeededFuture();
  }

  /** Inserts the messages appended in {@code tx} so far, with one statement. */
  public static Future<Void> write(Tx tx) {
    List<Message> unwritten = tx.unwrittenOutbox();
    if (unwritten.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = unwritten.size();
    UUID[] ids = new UUID[n];
    String[] topics = new String[n];
    String[] names = new String[n];
    Integer[] versions = new Integer[n];
    String[] aggregates = new String[n];
    Buffer[] payloads = new Buffer[n];
    String[] metadata = new String[n];
    for (int i = 0; i < n; i++) {
      Message m = unwritten.get(i);
      ids[i] = UUID.fromString(m.id());
      topics[i] = m.topic();
      names[i] = m.name();
      versions[i] = m.version();
      aggregates[i] = m.aggregateId();
      payloads[i] = Buffer.buffer(m.payload());
      metadata[i] = new JsonObject(new HashMap<>(m.metadata())).encode();
    }
    unwritten.clear();
    return tx.connection()
        .preparedQuery(INSERT)
        .execute(Tuple.of(ids, topics, names, versions, aggregates, payloads, metadata))
        .mapEmpty();
  }

  /**
   * Forgets the messages appended in {@code tx} since the last {@link #write}: their transaction
   * rolled back to a savepoint taken after it.
   */
  public static void discardUnwritten(Tx tx) {
    tx.unwrittenOutbox().clear();
  }

  public static Future<Void> append(Tx tx, Message message) {
    return append(tx, List.of(message));
  }

  /**
   * What {@code message} weighs on the broker, near enough: payload, envelope (id, topic, name,
   * aggregate id) and every metadata key and value, in UTF-8. Broker framing comes on top (the
   * limit leaves room for it).
   */
  public static int size(Message message) {
    long bytes =
        message.payload().length
            + utf8(message.id())
            + utf8(message.topic())
            + utf8(message.name())
            + utf8(message.aggregateId())
            + 4;
    for (Map.Entry<String, String> entry : message.metadata().entrySet()) {
      bytes += utf8(entry.getKey()) + utf8(entry.getValue());
    }
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }

  private static int utf8(String text) {
    return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
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
    inherited.put(
        Metadata.CORRELATION_ID,
        cause.metadata().getOrDefault(Metadata.CORRELATION_ID, cause.id()));
    if (message.metadata(Metadata.TRACEPARENT) == null) {
      // The handling's consumer span (a child of the cause's) when traced, else the cause's own
      // context.
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
}
