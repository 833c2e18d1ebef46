package io.mallbots.core.messaging.nats;

import io.nats.client.Connection;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Flushes the one NATS connection of a {@link NatsEventStream}, one flush at a time.
 *
 * <p>Who calls it: a {@link NatsSubscription} closing and a {@link PartitionHandover} (their acks
 * are fire-and-forget), and {@link NatsEventStream#close()}. Threads: {@link #flush()} from any
 * thread; the flush itself runs on a Vert.x worker thread; the futures complete on a Vert.x
 * context, so callers hop to their own.
 */
final class NatsFlush {

  private final Vertx vertx;
  private final Connection connection;
  private final Duration timeout;
  private final Object flushLock = new Object();

  /** The flush under way and the one to start after it. Guarded by flushLock. */
  private CompletableFuture<Void> flushing;

  private CompletableFuture<Void> nextFlush;

  NatsFlush(Vertx vertx, Connection connection, Duration timeout) {
    this.vertx = vertx;
    this.connection = connection;
    this.timeout = timeout;
  }

  /**
   * Resolves once everything this connection wrote before the call has reached the server. jnats
   * flushes with a PING and drops the connection when more than two PINGs are unanswered, so there
   * is one flush at a time; callers that arrive meanwhile share the next one. Any thread.
   */
  CompletableFuture<Void> flush() {
    CompletableFuture<Void> mine;
    boolean start;
    synchronized (flushLock) {
      start = flushing == null || flushing.isDone();
      if (start) {
        flushing = new CompletableFuture<>();
        mine = flushing;
      } else {
        if (nextFlush == null) {
          nextFlush = new CompletableFuture<>();
        }
        mine = nextFlush;
      }
    }
    if (start) {
      runFlush(mine);
    }
    return mine;
  }

  private void runFlush(CompletableFuture<Void> target) {
    vertx
        .<Void>executeBlocking(
            () -> {
              connection.flush(timeout);
              return null;
            },
            false)
        .onComplete(
            result -> {
              CompletableFuture<Void> next;
              synchronized (flushLock) {
                next = nextFlush;
                nextFlush = null;
                flushing = next;
              }
              if (result.succeeded()) {
                target.complete(null);
              } else {
                target.completeExceptionally(result.cause());
              }
              if (next != null) {
                runFlush(next);
              }
            });
  }
}
