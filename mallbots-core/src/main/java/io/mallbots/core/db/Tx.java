package io.mallbots.core.db;

import io.mallbots.core.messaging.Message;
import io.vertx.sqlclient.SqlConnection;

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

  boolean wroteOutbox() {
    return wroteOutbox;
  }
}
