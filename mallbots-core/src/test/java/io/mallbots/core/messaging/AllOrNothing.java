package io.mallbots.core.messaging;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A batch handler with the contract of a transactional one: a batch's effects are kept only when
 * all of its messages succeed, as if they had been rolled back otherwise. Messages {@code poison}
 * accepts always fail. Records the effects in the order they were kept, and every call.
 */
public final class AllOrNothing implements BatchHandler {

  /** Messages whose effect was kept, in that order; a message twice here had two effects. */
  public final List<Message> effects = new CopyOnWriteArrayList<>();

  /** Sizes of the batches handed to {@link #handleBatch}. */
  public final List<Integer> batches = new CopyOnWriteArrayList<>();

  /** Calls of {@link #handle} (alone, not in a batch), per message id. */
  public final ConcurrentHashMap<String, AtomicInteger> alone = new ConcurrentHashMap<>();

  private final Predicate<Message> poison;
  private final Vertx vertx;
  private final long workMillis;

  public AllOrNothing(Predicate<Message> poison) {
    this(poison, null, 0);
  }

  /** Each call takes {@code workMillis} (on a timer), like a transaction. */
  public AllOrNothing(Predicate<Message> poison, Vertx vertx, long workMillis) {
    this.poison = poison;
    this.vertx = vertx;
    this.workMillis = workMillis;
  }

  @Override
  public Future<Void> handle(Message message) {
    alone.computeIfAbsent(message.id(), id -> new AtomicInteger()).incrementAndGet();
    return work()
        .compose(
            v -> {
              if (poison.test(message)) {
                return Future.failedFuture(new IllegalArgumentException("cannot parse " + message));
              }
              effects.add(message);
              return Future.succeededFuture();
            });
  }

  @Override
  public Future<Void> handleBatch(MessageBatch batch) {
    batches.add(batch.messages().size());
    List<Message> tentative = new ArrayList<>();
    Future<Void> chain = work();
    for (Message message : batch.messages()) {
      chain =
          chain.compose(
              v ->
                  batch.handling(
                      message,
                      () -> {
                        if (poison.test(message)) {
                          return Future.failedFuture(
                              new IllegalArgumentException("cannot parse " + message));
                        }
                        tentative.add(message);
                        return Future.succeededFuture();
                      }));
    }
    return chain.onSuccess(v -> effects.addAll(tentative));
  }

  /** Ids of the messages that had an effect. */
  public Set<String> ids() {
    Set<String> ids = ConcurrentHashMap.newKeySet();
    effects.forEach(m -> ids.add(m.id()));
    return ids;
  }

  /** How many effects {@code message} had. */
  public long effectsOf(Message message) {
    return effects.stream().filter(m -> m.id().equals(message.id())).count();
  }

  /** The ids of {@code key}'s effects, in the order they were kept. */
  public List<String> idsOf(String key) {
    return effects.stream().filter(m -> m.aggregateId().equals(key)).map(Message::id).toList();
  }

  private Future<Void> work() {
    if (vertx == null || workMillis == 0) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    vertx.setTimer(workMillis, id -> done.complete());
    return done.future();
  }
}
