package io.mallbots.core.messaging;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every adapter does with a message it received, so that all of them behave alike: messages
 * with the same aggregate id run one after the other in arrival order while different ids run
 * concurrently; a failed handler is tried again after a growing backoff; after the last attempt the
 * message is published to {@code <topic>.dlq} with the reason, and counts as handled. A failure
 * that says a database or service the handler needs is down ({@link Outages}) uses up no attempt:
 * the message waits for it to return.
 *
 * <p>A {@link BatchHandler} gets the messages dispatched together (in one event-loop turn, e.g. one
 * poll) in batches of up to {@link SubscriptionOptions#batchSize()}; nothing waits to fill a batch.
 * A batch starts once the earlier messages of each of its keys have finished, so a key's order
 * holds inside and across batches. A failed batch had no effect (the handler's contract), and its
 * messages are then handled one by one as above, so a bad message fails no neighbour.
 *
 * <p>Not thread-safe: an adapter calls {@link #dispatch} only on the subscription's context, where
 * the handler and the retry timers run too.
 */
public final class MessageDispatcher {

  private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);

  private final Context context;
  private final String group;
  private final SubscriptionOptions options;
  private final MessageHandler handler;
  private final Function<Message, Future<Void>> deadLetters;
  private final Map<String, Future<Void>> tailByKey = new HashMap<>();
  private final int batchSize;
  private final List<Ready> ready = new ArrayList<>();
  private int inFlight;
  private boolean closed;
  private Promise<Void> drained;

  /**
   * @param context where the handler runs
   * @param deadLetters publishes a dead letter (already addressed to the DLQ topic), unless the
   *     options name another {@link SubscriptionOptions#deadLetterBroker}
   */
  public MessageDispatcher(
      Context context,
      String group,
      SubscriptionOptions options,
      MessageHandler handler,
      Function<Message, Future<Void>> deadLetters) {
    this.context = context;
    this.group = group;
    this.options = options;
    this.handler = handler;
    this.deadLetters =
        options.deadLetterBroker() != null ? options.deadLetterBroker() : deadLetters;
    this.batchSize = handler instanceof BatchHandler ? options.batchSize() : 1;
  }

  /**
   * Handles {@code message} after the earlier messages of the same key. Succeeds once the handler
   * succeeded or the message was dead-lettered; fails only when the dispatcher was closed first, in
   * which case the adapter must not acknowledge it.
   */
  public Future<Void> dispatch(Message message) {
    inFlight++;
    Future<Void> previous = tailByKey.getOrDefault(message.aggregateId(), Future.succeededFuture());
    Future<Void> mine;
    if (batchSize == 1) {
      mine =
          previous.transform(
              earlier -> {
                MessagingMetrics.lag(message.topic(), group, message);
                return attempt(message, 1, 0);
              });
    } else {
      Promise<Void> done = Promise.promise();
      mine = done.future();
      if (ready.isEmpty()) {
        // Not a timer: runs after what this event-loop turn (a poll, a burst of arrivals) queued.
        context.runOnContext(v -> startReady());
      }
      ready.add(new Ready(message, previous, done));
    }
    tailByKey.put(message.aggregateId(), mine);
    mine.onComplete(
        done -> {
          if (tailByKey.get(message.aggregateId()) == mine) {
            tailByKey.remove(message.aggregateId());
          }
          inFlight--;
          if (inFlight == 0 && drained != null) {
            drained.tryComplete();
          }
        });
    return mine;
  }

  /** Messages dispatched and not yet finished. */
  public int inFlight() {
    return inFlight;
  }

  /** Stops retrying; completes when nothing is in flight any more. */
  public Future<Void> close() {
    closed = true;
    if (inFlight == 0) {
      return Future.succeededFuture();
    }
    if (drained == null) {
      drained = Promise.promise();
    }
    return drained.future();
  }

  /**
   * Splits what was dispatched since the last turn into batches, those of keys with nothing earlier
   * in flight first, so a key still busy holds up only the batch its messages are in.
   */
  private void startReady() {
    List<Ready> taken = new ArrayList<>(ready);
    ready.clear();
    Set<Future<Void>> taking = identitySet(taken);
    List<Ready> free = new ArrayList<>();
    List<Ready> held = new ArrayList<>();
    Set<String> heldKeys = new HashSet<>();
    for (Ready next : taken) {
      String key = next.message.aggregateId();
      boolean waits =
          heldKeys.contains(key)
              || (!next.previous.isComplete() && !taking.contains(next.previous));
      if (waits) {
        heldKeys.add(key);
        held.add(next);
      } else {
        free.add(next);
      }
    }
    startBatches(free);
    startBatches(held);
  }

  private void startBatches(List<Ready> readies) {
    for (int from = 0; from < readies.size(); from += batchSize) {
      List<Ready> batch = readies.subList(from, Math.min(readies.size(), from + batchSize));
      Set<Future<Void>> inBatch = identitySet(batch);
      List<Future<Void>> earlier =
          batch.stream()
              .map(Ready::previous)
              .filter(f -> !f.isComplete() && !inBatch.contains(f))
              .distinct()
              .toList();
      Future.join(earlier).onComplete(v -> startBatch(batch));
    }
  }

  private void startBatch(List<Ready> batch) {
    MessagingMetrics.batch(batch.get(0).message.topic(), group, batch.size());
    for (Ready each : batch) {
      MessagingMetrics.lag(each.message.topic(), group, each.message);
    }
    if (batch.size() == 1) {
      attempt(batch.get(0).message, 1, 0).onComplete(batch.get(0).done);
      return;
    }
    if (closed) {
      batch.forEach(each -> each.done.fail(closedBefore(each.message)));
      return;
    }
    List<Message> messages = batch.stream().map(Ready::message).toList();
    long started = System.nanoTime();
    invoke(() -> ((BatchHandler) handler).handleBatch(new Traced(messages)))
        .onComplete(
            result -> {
              if (result.succeeded()) {
                for (Message message : messages) {
                  MessagingMetrics.handled(message.topic(), group, System.nanoTime() - started);
                }
                batch.forEach(each -> each.done.complete());
                return;
              }
              MessagingMetrics.batchFailed(messages.get(0).topic(), group);
              log.warn(
                  "a batch of {} failed in group {}, handling them one by one: {}",
                  messages.size(),
                  group,
                  String.valueOf(result.cause()));
              oneByOne(batch);
            });
  }

  /** The failed batch's messages, each on its own, in order per key and concurrently across. */
  private void oneByOne(List<Ready> batch) {
    Map<String, Future<Void>> lastOfKey = new HashMap<>();
    for (Ready each : batch) {
      Future<Void> mine =
          lastOfKey
              .getOrDefault(each.message.aggregateId(), Future.succeededFuture())
              .transform(earlier -> attempt(each.message, 1, 0));
      lastOfKey.put(each.message.aggregateId(), mine);
      mine.onComplete(each.done);
    }
  }

  private static Set<Future<Void>> identitySet(List<Ready> readies) {
    Set<Future<Void>> futures = Collections.newSetFromMap(new IdentityHashMap<>());
    readies.forEach(each -> futures.add(each.done.future()));
    return futures;
  }

  private static IllegalStateException closedBefore(Message message) {
    return new IllegalStateException("subscription closed before " + message + " was handled");
  }

  /**
   * Try number {@code attempt}, after {@code outages} failures that were outages (they use up no
   * attempt).
   */
  private Future<Void> attempt(Message message, int attempt, int outages) {
    if (closed) {
      return Future.failedFuture(closedBefore(message));
    }
    long started = System.nanoTime();
    return MessageTracing.process(
            context, message, group, attempt, () -> invoke(() -> handler.handle(message)))
        .transform(
            result -> {
              if (result.succeeded()) {
                MessagingMetrics.handled(message.topic(), group, System.nanoTime() - started);
                return Future.succeededFuture();
              }
              Throwable failure = result.cause();
              MessagingMetrics.failed(message.topic(), group);
              if (Outages.isOutage(failure)) {
                // Not the message's fault: it waits for the database or service to come back
                // instead of using up its attempts (make chaos: a 5 s database cut came within a
                // second of dead-lettering checkouts).
                log.warn(
                    "{} waits in group {} for an outage to end: {}",
                    message,
                    group,
                    String.valueOf(failure));
                return later(options.backoffAfter(outages + 1).toMillis())
                    .compose(v -> attempt(message, attempt, outages + 1));
              }
              if (attempt >= options.maxAttempts()) {
                return deadLetter(message, attempt, failure);
              }
              log.warn(
                  "{} failed in group {} (attempt {} of {}): {}",
                  message,
                  group,
                  attempt,
                  options.maxAttempts(),
                  String.valueOf(failure));
              return later(options.backoffAfter(attempt).toMillis())
                  .compose(v -> attempt(message, attempt + 1, outages));
            });
  }

  private static Future<Void> invoke(Supplier<Future<Void>> handling) {
    try {
      Future<Void> result = handling.get();
      return result != null
          ? result
          : Future.failedFuture(new NullPointerException("handler returned null"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<Void> deadLetter(Message message, int attempts, Throwable failure) {
    log.error(
        "{} dead-lettered by group {} after {} attempts: {}",
        message,
        group,
        attempts,
        String.valueOf(failure));
    Message letter = message.asDeadLetter(group, String.valueOf(failure), attempts);
    // The message counts as handled once the dead letter is recorded too: whoever waits for the
    // subscription to be idle (a test, an operator draining it) then finds it where dead letters
    // are listed.
    return publishDeadLetter(letter, 1)
        .compose(
            v -> {
              MessagingMetrics.deadLettered(message.topic(), group);
              return options
                  .deadLetters()
                  .apply(letter)
                  .recover(
                      error -> {
                        log.warn(
                            "dead letter {} published but not recorded: {}",
                            letter,
                            String.valueOf(error));
                        return Future.succeededFuture();
                      });
            });
  }

  private Future<Void> publishDeadLetter(Message letter, int attempt) {
    return deadLetters
        .apply(letter)
        .recover(
            error -> {
              if (closed) {
                return Future.failedFuture(error);
              }
              log.warn(
                  "could not publish dead letter {} (attempt {}): {}",
                  letter,
                  attempt,
                  String.valueOf(error));
              return later(options.backoffAfter(attempt).toMillis())
                  .compose(v -> publishDeadLetter(letter, attempt + 1));
            });
  }

  /** A message dispatched in this turn, not yet started. */
  private record Ready(Message message, Future<Void> previous, Promise<Void> done) {}

  /** A batch whose messages are each handled in a consumer span of their own. */
  private final class Traced implements MessageBatch {
    private final List<Message> messages;

    Traced(List<Message> messages) {
      this.messages = messages;
    }

    @Override
    public List<Message> messages() {
      return messages;
    }

    @Override
    public Future<Void> handling(Message message, Supplier<Future<Void>> work) {
      return MessageTracing.process(context, message, group, 1, () -> invoke(work));
    }
  }

  private Future<Void> later(long millis) {
    Promise<Void> promise = Promise.promise();
    context.owner().setTimer(Math.max(1, millis), id -> promise.complete());
    return promise.future();
  }
}
