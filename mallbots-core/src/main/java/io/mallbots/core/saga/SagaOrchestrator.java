package io.mallbots.core.saga;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mallbots.common.v1.CommandReply;
import io.mallbots.common.v1.Outcome;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.DomainException;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.outbox.Outbox;
import io.mallbots.core.saga.SagaDefinition.Local;
import io.mallbots.core.saga.SagaDefinition.Move;
import io.mallbots.core.saga.SagaDefinition.Send;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sagas of one {@link SagaDefinition}: their state lives in {@code saga_instances} ({@link
 * SagaInstances}), their commands leave through the outbox in the same transaction as the state
 * change, and their replies arrive as messages ({@link #handleReply}, subscribed with the inbox so
 * a redelivered reply acts once). Local steps run right away, in the transaction that reached them.
 * A business failure of a step turns the saga around; a technical failure fails the handler, so the
 * reply is retried and finally dead-lettered, never swallowed. A step whose reply does not come is
 * sent again and finally given up ({@link #timeOutOldest}, driven by {@link SagaTimeouts}): its own
 * compensation runs too, since its command may have had its effect with only the reply lost.
 */
public final class SagaOrchestrator<D> {

  private static final Logger log = LoggerFactory.getLogger(SagaOrchestrator.class);
  private static final String STILL_IN_OUTBOX = "SELECT 1 FROM outbox WHERE id = $1";

  /** The failure code of a step given up for want of a reply. */
  public static final String STEP_TIMED_OUT = "STEP_TIMED_OUT";

  private final SagaDefinition<D> definition;
  private final SagaInstances<D> instances;

  public SagaOrchestrator(SagaDefinition<D> definition) {
    this.definition = definition;
    this.instances = new SagaInstances<>(definition);
  }

  /** Starts saga {@code sagaId} in {@code tx}: records it and sends its first command. */
  public Future<Void> start(Tx tx, String sagaId, D data) {
    SagaInstance<D> instance =
        new SagaInstance<>(sagaId, data, -1, null, false, null, null, null, null, 0);
    return instances.insert(tx, sagaId, data).compose(inserted -> advance(tx, instance));
  }

  /**
   * Moves the saga the reply belongs to one step on. Replies to anything but the awaited command
   * are ignored.
   */
  public Future<Void> handleReply(Tx tx, Message reply) {
    CommandReply body;
    try {
      body = CommandReply.parseFrom(reply.payload());
    } catch (InvalidProtocolBufferException e) {
      return Future.failedFuture(new IllegalArgumentException("unreadable reply " + reply, e));
    }
    String sagaId = reply.metadata().getOrDefault(Metadata.SAGA_ID, reply.aggregateId());
    return instances
        .load(tx.connection(), sagaId, true)
        .compose(
            instance -> {
              if (instance == null) {
                return Future.failedFuture(
                    new IllegalStateException("no " + definition.name() + " saga " + sagaId));
              }
              if (instance.outcome() != null
                  || !reply.name().equals(CommandReplies.NAME)
                  || !String.valueOf(instance.awaiting())
                      .equals(reply.metadata(Metadata.COMMAND))) {
                log.debug(
                    "ignoring {} for saga {} awaiting {}", reply, sagaId, instance.awaiting());
                return Future.succeededFuture();
              }
              if (body.getOutcome() == Outcome.OUTCOME_SUCCESS) {
                return advance(tx, instance);
              }
              return advance(
                  tx, rejected(instance, instance.awaiting(), body.getCode(), body.getReason()));
            });
  }

  /**
   * Acts on the saga that has waited longest for a reply, longer than {@code timeout}, in {@code
   * tx}: sends its command again (same command id, so the receiver acts once and answers again)
   * while it was sent at most {@code retries} extra times, then gives the step up with {@link
   * #STEP_TIMED_OUT}. A command still in the outbox has not left yet (broker down): its wait starts
   * again instead. Succeeds with {@code false} when no saga is overdue (or all overdue ones are
   * held by other transactions).
   */
  public Future<Boolean> timeOutOldest(Tx tx, Duration timeout, int retries) {
    return instances
        .claimOverdue(tx, timeout)
        .compose(
            overdue -> {
              if (overdue == null) {
                return Future.succeededFuture(false);
              }
              return waitingToLeave(tx, overdue)
                  .compose(
                      unsent -> {
                        if (unsent) {
                          return instances.save(tx, overdue);
                        }
                        return overdue.attempts() <= retries
                            ? sendAgain(tx, overdue)
                            : giveUp(tx, overdue, timeout);
                      })
                  .map(true);
            });
  }

  /**
   * How many sagas wait for a reply ({@code awaiting}), and how many of them longer than {@code
   * timeout} ({@code overdue}), as of the last commit.
   */
  public Future<Unfinished> unfinished(SqlClient client, Duration timeout) {
    return instances.unfinished(client, timeout);
  }

  /**
   * Sagas not ended: all of them wait for a reply; the overdue ones longer than the step timeout.
   */
  public record Unfinished(long awaiting, long overdue) {}

  public String name() {
    return definition.name();
  }

  private Future<Boolean> waitingToLeave(Tx tx, SagaInstance<D> instance) {
    if (instance.commandId() == null) {
      return Future.succeededFuture(false);
    }
    return tx.connection()
        .preparedQuery(STILL_IN_OUTBOX)
        .execute(Tuple.of(lastSent(instance)))
        .map(rows -> rows.size() > 0);
  }

  /**
   * The awaited command once more, under a new envelope id (JetStream drops a repeated one) naming
   * the first.
   */
  private Future<Void> sendAgain(Tx tx, SagaInstance<D> instance) {
    Message first =
        address(instance.sagaId(), awaitedMove(instance).command().apply(instance.state()));
    String commandId = instance.commandId() == null ? first.id() : instance.commandId().toString();
    int attempt = instance.attempts() + 1;
    Message again =
        new Message(
                resendId(commandId, attempt).toString(),
                first.topic(),
                first.name(),
                first.version(),
                first.aggregateId(),
                first.payload(),
                first.metadata())
            .withMetadata(Metadata.REPLAY_OF, commandId);
    log.info(
        "saga {} {} got no reply to {}; sending it again (attempt {})",
        definition.name(),
        instance.sagaId(),
        instance.awaiting(),
        attempt);
    Counter.builder("mallbots.saga.step.resent")
        .description("Saga commands sent again for want of a reply")
        .tags("saga", definition.name())
        .register(Metrics.globalRegistry)
        .increment();
    return Outbox.append(tx, again)
        .compose(v -> instances.save(tx, instance.sentAgain(UUID.fromString(commandId), attempt)));
  }

  /**
   * Gives an unanswered step up. Going forward, the saga turns around at the step itself: its
   * command may have had its effect with only the reply lost, so its compensation runs first
   * (compensations are idempotent). Compensating, the way back goes on as after a failed
   * compensation.
   */
  private Future<Void> giveUp(Tx tx, SagaInstance<D> instance, Duration timeout) {
    String reason =
        instance.awaiting()
            + " got no reply in "
            + instance.attempts()
            + " attempt(s) of "
            + timeout.toMillis()
            + " ms";
    log.warn("saga {} {}: {}", definition.name(), instance.sagaId(), reason);
    Counter.builder("mallbots.saga.step.timeouts")
        .description("Saga steps given up for want of a reply")
        .tags("saga", definition.name())
        .register(Metrics.globalRegistry)
        .increment();
    SagaInstance<D> from =
        instance.compensating()
            ? rejected(instance, instance.awaiting(), STEP_TIMED_OUT, reason)
            : instance.turnedAroundBefore(instance.step() + 1, STEP_TIMED_OUT, reason);
    return advance(tx, from);
  }

  private Send<D> awaitedMove(SagaInstance<D> instance) {
    var step = definition.steps().get(instance.step());
    Move<D> move = instance.compensating() ? step.compensation() : step.action();
    if (!(move instanceof Send<D> send)) {
      throw new IllegalStateException(
          "saga "
              + instance.sagaId()
              + " awaits "
              + instance.awaiting()
              + " at step "
              + instance.step()
              + ", which sends no command");
    }
    return send;
  }

  private static UUID lastSent(SagaInstance<?> instance) {
    return instance.attempts() <= 1
        ? instance.commandId()
        : resendId(instance.commandId().toString(), instance.attempts());
  }

  /** The same on every instance, so the outbox check finds the last re-send whoever sent it. */
  private static UUID resendId(String commandId, int attempt) {
    return UUID.nameUUIDFromBytes((commandId + "/" + attempt).getBytes(StandardCharsets.UTF_8));
  }

  /** The saga's current state, for queries and tests; {@code null} if unknown. */
  public Future<SagaView<D>> find(SqlClient client, String sagaId) {
    return instances
        .load(client, sagaId, false)
        .map(instance -> instance == null ? null : instance.view());
  }

  private Future<Void> advance(Tx tx, SagaInstance<D> from) {
    var steps = definition.steps();
    int direction = from.compensating() ? -1 : 1;
    for (int i = from.step() + direction; i >= 0 && i < steps.size(); i += direction) {
      var step = steps.get(i);
      Move<D> move = from.compensating() ? step.compensation() : step.action();
      if (move instanceof Send<D> send) {
        Message command = address(from.sagaId(), send.command().apply(from.state()));
        SagaInstance<D> next = from.at(i, command.name(), command.id());
        return Outbox.append(tx, command).compose(v -> instances.save(tx, next));
      }
      if (move instanceof Local<D> local) {
        SagaInstance<D> here = from.at(i, null, null);
        return locally(tx, local, here)
            .compose(
                rejection ->
                    advance(
                        tx,
                        rejection == null
                            ? here
                            : rejected(
                                here, local.name(), rejection.code(), rejection.getMessage())));
      }
    }
    SagaOutcome outcome = from.compensating() ? SagaOutcome.COMPENSATED : SagaOutcome.COMPLETED;
    Counter.builder("mallbots.saga.outcomes")
        .description("Sagas ended, by outcome")
        .tags("saga", definition.name(), "outcome", outcome.name())
        .register(Metrics.globalRegistry)
        .increment();
    return instances.save(tx, from.ended(outcome));
  }

  /**
   * Runs a local step behind a savepoint: a business rejection undoes the step's writes only, and
   * comes back as the value; the saga's own state change stays in the transaction.
   */
  private Future<DomainException> locally(Tx tx, Local<D> local, SagaInstance<D> here) {
    SqlConnection connection = tx.connection();
    // The outbox defers its inserts to the commit: what was appended before the savepoint is
    // written before it, and what the step appended goes with the rollback.
    return Outbox.write(tx)
        .compose(v -> connection.query("SAVEPOINT saga_step").execute())
        .compose(v -> local.step().run(tx, here.state()))
        .map(v -> (DomainException) null)
        .recover(
            failure ->
                failure instanceof DomainException rejection
                    ? connection
                        .query("ROLLBACK TO SAVEPOINT saga_step")
                        .execute()
                        .map(
                            rolledBack -> {
                              Outbox.discardUnwritten(tx);
                              return rejection;
                            })
                    : Future.failedFuture(failure));
  }

  /**
   * Where a rejected step leaves the saga: turned around, or, for a compensation, on its way back
   * regardless.
   */
  private SagaInstance<D> rejected(
      SagaInstance<D> instance, String step, String code, String reason) {
    if (!instance.compensating()) {
      return instance.turnedAround(code, reason);
    }
    // A compensation must not stop the way back; the failure stays in the log and the metrics.
    log.error("compensation {} of saga {} failed: {}", step, instance.sagaId(), reason);
    Counter.builder("mallbots.saga.compensation.failures")
        .tag("saga", definition.name())
        .register(Metrics.globalRegistry)
        .increment();
    return instance;
  }

  private Message address(String sagaId, SagaCommand command) {
    return Message.create(command.topic(), command.name(), sagaId, command.payload())
        .withMetadata(Map.of(Metadata.REPLY_TO, definition.replyTopic(), Metadata.SAGA_ID, sagaId));
  }
}
