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
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sagas of one {@link SagaDefinition}: their state lives in {@code saga_instances}, their
 * commands leave through the outbox in the same transaction as the state change, and their replies
 * arrive as messages ({@link #handleReply}, subscribed with the inbox so a redelivered reply acts once).
 * Local steps run right away, in the transaction that reached them.
 * A business failure of a step turns the saga around; a technical failure fails the handler, so the
 * reply is retried and finally dead-lettered, never swallowed.
 */
public final class SagaOrchestrator<D> {

  private static final Logger log = LoggerFactory.getLogger(SagaOrchestrator.class);
  private static final String INSERT = "INSERT INTO saga_instances (saga_name, saga_id, data, step) VALUES ($1, $2, $3, -1)";
  private static final String LOAD = "SELECT data, step, awaiting, compensating, outcome, failure_code, failure_reason "
      + "FROM saga_instances WHERE saga_name = $1 AND saga_id = $2";
  private static final String SAVE = "UPDATE saga_instances SET step = $3, awaiting = $4, compensating = $5, "
      + "outcome = $6, failure_code = $7, failure_reason = $8, updated_at = now() WHERE saga_name = $1 AND saga_id = $2";

  private final SagaDefinition<D> definition;

  public SagaOrchestrator(SagaDefinition<D> definition) {
    this.definition = definition;
  }

  /** Starts saga {@code sagaId} in {@code tx}: records it and sends its first command. */
  public Future<Void> start(Tx tx, String sagaId, D data) {
    Instance<D> instance = new Instance<>(sagaId, data, -1, null, false, null, null, null);
    return tx.connection().preparedQuery(INSERT).execute(Tuple.of(definition.name(), sagaId, definition.encode(data)))
        .compose(inserted -> advance(tx, instance));
  }

  /** Moves the saga the reply belongs to one step on. Replies to anything but the awaited command are ignored. */
  public Future<Void> handleReply(Tx tx, Message reply) {
    CommandReply body;
    try {
      body = CommandReply.parseFrom(reply.payload());
    } catch (InvalidProtocolBufferException e) {
      return Future.failedFuture(new IllegalArgumentException("unreadable reply " + reply, e));
    }
    String sagaId = reply.metadata().getOrDefault(Metadata.SAGA_ID, reply.aggregateId());
    return load(tx.connection(), sagaId, true).compose(instance -> {
      if (instance == null) {
        return Future.failedFuture(new IllegalStateException("no " + definition.name() + " saga " + sagaId));
      }
      if (instance.outcome() != null || !reply.name().equals(CommandReplies.NAME)
          || !String.valueOf(instance.awaiting()).equals(reply.metadata(Metadata.COMMAND))) {
        log.debug("ignoring {} for saga {} awaiting {}", reply, sagaId, instance.awaiting());
        return Future.succeededFuture();
      }
      if (body.getOutcome() == Outcome.OUTCOME_SUCCESS) {
        return advance(tx, instance);
      }
      return advance(tx, rejected(instance, instance.awaiting(), body.getCode(), body.getReason()));
    });
  }

  /** The saga's current state, for queries and tests; {@code null} if unknown. */
  public Future<SagaView<D>> find(SqlClient client, String sagaId) {
    return load(client, sagaId, false).map(instance -> instance == null ? null : instance.view());
  }

  private Future<Void> advance(Tx tx, Instance<D> from) {
    var steps = definition.steps();
    int direction = from.compensating() ? -1 : 1;
    for (int i = from.step() + direction; i >= 0 && i < steps.size(); i += direction) {
      var step = steps.get(i);
      Move<D> move = from.compensating() ? step.compensation() : step.action();
      if (move instanceof Send<D> send) {
        SagaCommand command = send.command().apply(from.state());
        Instance<D> next = from.at(i, command.name());
        return Outbox.append(tx, address(from.sagaId(), command)).compose(v -> save(tx, next));
      }
      if (move instanceof Local<D> local) {
        Instance<D> here = from.at(i, null);
        return locally(tx, local, here).compose(rejection -> advance(tx, rejection == null ? here
            : rejected(here, local.name(), rejection.code(), rejection.getMessage())));
      }
    }
    SagaOutcome outcome = from.compensating() ? SagaOutcome.COMPENSATED : SagaOutcome.COMPLETED;
    Counter.builder("mallbots.saga.outcomes").description("Sagas ended, by outcome")
        .tags("saga", definition.name(), "outcome", outcome.name()).register(Metrics.globalRegistry).increment();
    return save(tx, from.ended(outcome));
  }

  /**
   * Runs a local step behind a savepoint: a business rejection undoes the step's writes only, and comes back as
   * the value; the saga's own state change stays in the transaction.
   */
  private Future<DomainException> locally(Tx tx, Local<D> local, Instance<D> here) {
    SqlConnection connection = tx.connection();
    return connection.query("SAVEPOINT saga_step").execute()
        .compose(v -> local.step().run(tx, here.state()))
        .map(v -> (DomainException) null)
        .recover(failure -> failure instanceof DomainException rejection
            ? connection.query("ROLLBACK TO SAVEPOINT saga_step").execute().map(rejection)
            : Future.failedFuture(failure));
  }

  /** Where a rejected step leaves the saga: turned around, or, for a compensation, on its way back regardless. */
  private Instance<D> rejected(Instance<D> instance, String step, String code, String reason) {
    if (!instance.compensating()) {
      return instance.turnedAround(code, reason);
    }
    // A compensation must not stop the way back; the failure stays in the log and the metrics.
    log.error("compensation {} of saga {} failed: {}", step, instance.sagaId(), reason);
    Counter.builder("mallbots.saga.compensation.failures").tag("saga", definition.name())
        .register(Metrics.globalRegistry).increment();
    return instance;
  }

  private Message address(String sagaId, SagaCommand command) {
    return Message.create(command.topic(), command.name(), sagaId, command.payload())
        .withMetadata(Map.of(Metadata.REPLY_TO, definition.replyTopic(), Metadata.SAGA_ID, sagaId));
  }

  private Future<Void> save(Tx tx, Instance<D> instance) {
    return tx.connection().preparedQuery(SAVE).execute(Tuple.from(new Object[] {definition.name(), instance.sagaId(),
        instance.step(), instance.awaiting(), instance.compensating(),
        instance.outcome() == null ? null : instance.outcome().name(), instance.failureCode(), instance.failureReason()}))
        .mapEmpty();
  }

  private Future<Instance<D>> load(SqlClient client, String sagaId, boolean lock) {
    return client.preparedQuery(lock ? LOAD + " FOR UPDATE" : LOAD).execute(Tuple.of(definition.name(), sagaId))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row row = rows.iterator().next();
          String outcome = row.getString("outcome");
          return new Instance<>(sagaId, definition.decode(row.getBuffer("data").getBytes()), row.getInteger("step"),
              row.getString("awaiting"), row.getBoolean("compensating"),
              outcome == null ? null : SagaOutcome.valueOf(outcome), row.getString("failure_code"),
              row.getString("failure_reason"));
        });
  }

  /** A saga's state as stored. */
  private record Instance<D>(String sagaId, D data, int step, String awaiting, boolean compensating,
                             SagaOutcome outcome, String failureCode, String failureReason) {

    SagaState<D> state() {
      return new SagaState<>(sagaId, data, failureCode, failureReason);
    }

    Instance<D> at(int nextStep, String command) {
      return new Instance<>(sagaId, data, nextStep, command, compensating, null, failureCode, failureReason);
    }

    Instance<D> turnedAround(String code, String reason) {
      return new Instance<>(sagaId, data, step, awaiting, true, null, code, reason);
    }

    Instance<D> ended(SagaOutcome how) {
      return new Instance<>(sagaId, data, step, null, compensating, how, failureCode, failureReason);
    }

    SagaView<D> view() {
      return new SagaView<>(sagaId, data, step, awaiting, compensating, outcome, failureCode, failureReason);
    }
  }
}
