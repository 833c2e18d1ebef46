package io.mallbots.core.messaging;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler of a subscription on the broker being drained: its dead letters go to the new broker,
 * where operators and tools look for them, not to the old one, which nobody reads after the drain.
 *
 * <p>The old broker's adapter counts attempts and backs off as usual, but is given one attempt more
 * than {@code options} allow; this handler counts the failures that are not outages and, at the
 * last allowed attempt, publishes the dead letter to {@code deadLetters} (retrying until it is
 * stored), tells {@link SubscriptionOptions#deadLetters()}, and succeeds, so the adapter never
 * dead-letters on its own. Runs on the subscription's context only.
 */
final class RedirectedDeadLetters implements MessageHandler {

  private static final Logger log = LoggerFactory.getLogger(RedirectedDeadLetters.class);

  private final Context context;
  private final String group;
  private final SubscriptionOptions options;
  private final MessageHandler handler;
  private final EventStream deadLetters;

  /** Failed attempts (outages aside) of the messages being retried, by message id. */
  private final Map<String, Integer> failures = new HashMap<>();

  private boolean stopped;

  RedirectedDeadLetters(
      Context context,
      String group,
      SubscriptionOptions options,
      MessageHandler handler,
      EventStream deadLetters) {
    this.context = context;
    this.group = group;
    this.options = options;
    this.handler = handler;
    this.deadLetters = deadLetters;
  }

  /** The options to subscribe on the old broker with: one attempt more, no dead letters there. */
  SubscriptionOptions adapterOptions() {
    return options
        .withMaxAttempts(options.maxAttempts() + 1)
        .withDeadLetters(letter -> Future.succeededFuture());
  }

  /** Gives up publishing dead letters: the subscription is closing. */
  void stop() {
    stopped = true;
  }

  @Override
  public Future<Void> handle(Message message) {
    Future<Void> handled;
    try {
      handled = handler.handle(message);
    } catch (RuntimeException e) {
      handled = Future.failedFuture(e);
    }
    return handled.transform(
        result -> {
          if (result.succeeded()) {
            failures.remove(message.id());
            return Future.succeededFuture();
          }
          if (Outages.isOutage(result.cause())) {
            return Future.failedFuture(result.cause());
          }
          int failed = failures.merge(message.id(), 1, Integer::sum);
          if (failed < options.maxAttempts()) {
            return Future.failedFuture(result.cause());
          }
          failures.remove(message.id());
          return deadLetter(message, failed, result.cause());
        });
  }

  private Future<Void> deadLetter(Message message, int attempts, Throwable failure) {
    log.error(
        "{} dead-lettered by group {} after {} attempts, on the new broker: {}",
        message,
        group,
        attempts,
        String.valueOf(failure));
    Message letter = message.asDeadLetter(group, String.valueOf(failure), attempts);
    return publish(letter, 1)
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

  private Future<Void> publish(Message letter, int attempt) {
    return deadLetters
        .publish(letter)
        .recover(
            error -> {
              if (stopped) {
                return Future.failedFuture(error);
              }
              log.warn(
                  "could not publish dead letter {} (attempt {}): {}",
                  letter,
                  attempt,
                  String.valueOf(error));
              Promise<Void> later = Promise.promise();
              context
                  .owner()
                  .setTimer(
                      Math.max(1, options.backoffAfter(attempt).toMillis()),
                      id -> later.complete());
              return later.future().compose(v -> publish(letter, attempt + 1));
            });
  }
}
