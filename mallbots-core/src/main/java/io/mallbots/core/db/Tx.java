package io.mallbots.core.db;

import io.mallbots.core.messaging.Message;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A transaction in progress, handed to application code by {@link Database#inTransaction}:
 * repositories bound to the same {@code Tx} commit or roll back together, outbox rows included.
 * When the work was caused by a message, {@link #cause()} is that message, so the events it raises
 * carry its correlation and causation ids and trace context. Used on one context only.
 */
public final class Tx {

  private final SqlConnection connection;
  private final int messageMaxBytes;
  private Message cause;
  private boolean wroteOutbox;
  private final List<Message> unwrittenOutbox = new ArrayList<>();
  private final List<Supplier<Future<Void>>> beforeCommit = new ArrayList<>();

  Tx(SqlConnection connection, int messageMaxBytes) {
    this.connection = connection;
    this.messageMaxBytes = messageMaxBytes;
  }

  /** For adapters: the connection the transaction runs on. */
  public SqlConnection connection() {
    return connection;
  }

  /** The message being handled in this transaction, or {@code null} for a request. */
  public Message cause() {
    return cause;
  }

  /** Marks this transaction as the handling of {@code message}. */
  public Tx causedBy(Message message) {
    this.cause = message;
    return this;
  }

  /** The largest message the outbox may take in this transaction ({@code MESSAGE_MAX_BYTES}). */
  public int messageMaxBytes() {
    return messageMaxBytes;
  }

  /** Called by the outbox when it adds rows. */
  public void markOutboxWritten() {
    wroteOutbox = true;
  }

  /** Whether messages were appended to the outbox in this transaction. */
  public boolean wroteOutbox() {
    return wroteOutbox;
  }

  /**
   * For the outbox: messages appended in this transaction and not yet inserted. The outbox inserts
   * them all with one statement, before {@code COMMIT} or before a savepoint, instead of one round
   * trip per append.
   */
  public List<Message> unwrittenOutbox() {
    return unwrittenOutbox;
  }

  /**
   * Runs {@code step} after the transaction's work succeeded and before its {@code COMMIT}, after
   * the steps registered earlier; a step that fails rolls the transaction back.
   */
  public void beforeCommit(Supplier<Future<Void>> step) {
    beforeCommit.add(step);
  }

  Future<Void> runBeforeCommit() {
    Future<Void> chain = Future.succeededFuture();
    for (Supplier<Future<Void>> step : beforeCommit) {
      chain = chain.compose(v -> step.get());
    }
    return chain;
  }
}
