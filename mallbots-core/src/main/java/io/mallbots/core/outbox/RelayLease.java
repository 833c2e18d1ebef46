package io.mallbots.core.outbox;

import io.mallbots.core.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The right to relay a schema's outbox: a PostgreSQL session-level advisory lock on a connection of
 * its own (docs/adr/0008-one-active-outbox-relay-per-schema.md). Held while that session lives;
 * PostgreSQL frees it when the session ends (connection closed or killed, process gone), and a
 * standby's next {@link #tryAcquire} takes it. The relay runs its batches on {@link #connection()},
 * so it claims rows only through the session that holds the lock. Used by {@link OutboxRelay} on
 * its own context only; not thread-safe.
 */
final class RelayLease {

  private static final Logger log = LoggerFactory.getLogger(RelayLease.class);
  private static final String TRY_LOCK = "SELECT pg_try_advisory_lock($1) AS held";
  private static final String NOTIFY = "SELECT pg_notify($1, '')";

  /** The least time between two commit notices of a standby. */
  static final long NOTICE_SPACING_MS = 20;

  private final Vertx vertx;
  private final Database database;
  private final long key;
  private final String channel;
  private final Runnable noticed;
  private PgConnection connection;
  private boolean held;
  private boolean trying;
  private boolean released;
  private boolean justLost;
  private Notice notice = Notice.IDLE;
  private boolean noticeAgain;
  private long lastNoticeNanos;

  /** {@code noticed} runs (on the session's context) when a standby tells of rows it committed. */
  RelayLease(Vertx vertx, Database database, Runnable noticed) {
    this.vertx = vertx;
    this.database = database;
    this.key = key(database.schema());
    this.channel = "mallbots_outbox_" + Long.toHexString(key);
    this.noticed = noticed;
  }

  /** The advisory lock key of {@code schema}'s relay: stable across processes and versions. */
  static long key(String schema) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("mallbots.outbox.relay:" + schema).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /**
   * Whether this relay holds the lease right now (its lock session is open, as far as this process
   * knows).
   */
  boolean held() {
    return held;
  }

  /** The session holding the lease; only while {@link #held()}. */
  SqlConnection connection() {
    return connection;
  }

  /**
   * On a standby, after a local commit that added outbox rows: tells the relays' sessions with a
   * {@code NOTIFY} on this standby's own session, outside the business transaction (a notifying
   * commit takes a lock that serializes every notifying commit of the cluster, docs/adr/0008), so
   * the active relay publishes them at once instead of at its next poll. Coalesced: one notice in
   * flight, at most one per {@link #NOTICE_SPACING_MS}; the poll stays the fallback.
   */
  void tellActive() {
    if (held || released || connection == null) {
      return;
    }
    if (notice == Notice.SENDING) {
      noticeAgain = true;
      return;
    }
    if (notice == Notice.SCHEDULED) {
      return; // the one scheduled is sent after this commit
    }
    long waitMs = NOTICE_SPACING_MS - (System.nanoTime() - lastNoticeNanos) / 1_000_000;
    if (waitMs > 0) {
      notice = Notice.SCHEDULED;
      vertx.setTimer(waitMs, id -> sendNotice());
    } else {
      sendNotice();
    }
  }

  private void sendNotice() {
    PgConnection session = connection;
    if (session == null || held || released) {
      notice = Notice.IDLE;
      return;
    }
    notice = Notice.SENDING;
    noticeAgain = false;
    lastNoticeNanos = System.nanoTime();
    session
        .preparedQuery(NOTIFY)
        .execute(Tuple.of(channel))
        .onComplete(
            sent -> {
              notice = Notice.IDLE;
              if (noticeAgain) {
                tellActive();
              }
            });
  }

  /**
   * Opens the lock session if needed and tries the lock once; succeeds with whether the lease is
   * held now.
   */
  Future<Boolean> tryAcquire() {
    if (held || trying || released) {
      return Future.succeededFuture(held);
    }
    if (justLost) {
      // A relay whose session just died sits out one round: a standby with a healthy session goes
      // first.
      justLost = false;
      return Future.succeededFuture(false);
    }
    trying = true;
    Future<PgConnection> opened =
        connection != null
            ? Future.succeededFuture(connection)
            : PgConnection.connect(vertx, database.connectOptions()).onSuccess(this::watch);
    return opened
        .compose(
            c ->
                c.preparedQuery(TRY_LOCK)
                    .execute(Tuple.of(key))
                    .map(rows -> rows.iterator().next().getBoolean("held")))
        .map(
            locked -> {
              if (locked && connection != null && !released) {
                held = true;
                log.info(
                    "outbox relay of {} is the active one (advisory lock {})",
                    database.schema(),
                    key);
              }
              return held;
            })
        .otherwise(
            error -> {
              log.debug(
                  "outbox relay of {} could not try the lease: {}",
                  database.schema(),
                  String.valueOf(error));
              return false;
            })
        .onComplete(r -> trying = false);
  }

  /** Ends the lock session: the lease is free for another relay at once. */
  Future<Void> release() {
    released = true;
    held = false;
    PgConnection open = connection;
    connection = null;
    return open == null ? Future.succeededFuture() : open.close().otherwiseEmpty();
  }

  private void watch(PgConnection opened) {
    if (released) {
      opened.close();
      return;
    }
    connection = opened;
    // Every relay listens, the active one acts on it (a standby's pass finds no lease and stops).
    opened.notificationHandler(n -> noticed.run());
    opened.query("LISTEN " + channel).execute();
    opened.closeHandler(v -> lost(opened, "lock session closed"));
    // An error of the session itself (reset, FATAL from the server) may come before the close: stop
    // at the first.
    opened.exceptionHandler(
        error -> {
          lost(opened, String.valueOf(error));
          opened.close();
        });
  }

  private void lost(PgConnection session, String why) {
    if (connection != session) {
      return;
    }
    connection = null;
    if (held) {
      held = false;
      justLost = true;
      log.warn(
          "outbox relay of {} lost its lease ({}); it publishes nothing more until it takes the lease again",
          database.schema(),
          why);
    }
  }

  private enum Notice {
    IDLE,
    SCHEDULED,
    SENDING
  }
}
