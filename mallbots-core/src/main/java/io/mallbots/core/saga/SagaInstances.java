package io.mallbots.core.saga;

import io.mallbots.core.db.Tx;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/** The {@code saga_instances} rows of one {@link SagaDefinition}: where its sagas' state lives. */
final class SagaInstances<D> {

  private static final String INSERT =
      "INSERT INTO saga_instances (saga_name, saga_id, data, step) VALUES ($1, $2, $3, -1)";
  private static final String COLUMNS =
      "saga_id, data, step, awaiting, compensating, outcome, failure_code, "
          + "failure_reason, command_id, attempts";
  private static final String LOAD =
      "SELECT " + COLUMNS + " FROM saga_instances WHERE saga_name = $1 AND saga_id = $2";
  private static final String SAVE =
      "UPDATE saga_instances SET step = $3, awaiting = $4, compensating = $5, "
          + "outcome = $6, failure_code = $7, failure_reason = $8, command_id = $9, attempts = $10, updated_at = now() "
          + "WHERE saga_name = $1 AND saga_id = $2";

  /**
   * The saga that has waited longest for a reply, longer than {@code $2} ms, unless another
   * transaction holds it (a reply being handled, another instance's sweep): one instance acts on a
   * saga, the others go on to the next.
   */
  private static final String CLAIM_OVERDUE =
      "SELECT "
          + COLUMNS
          + " FROM saga_instances WHERE saga_name = $1 "
          + "AND outcome IS NULL AND awaiting IS NOT NULL AND updated_at < now() - $2::float8 * interval '1 millisecond' "
          + "ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED";

  private static final String COUNT_UNFINISHED =
      "SELECT count(*) AS awaiting, count(*) FILTER (WHERE updated_at < "
          + "now() - $2::float8 * interval '1 millisecond') AS overdue FROM saga_instances "
          + "WHERE saga_name = $1 AND outcome IS NULL";

  private final SagaDefinition<D> definition;

  SagaInstances(SagaDefinition<D> definition) {
    this.definition = definition;
  }

  /** Records saga {@code sagaId} before its first step. */
  Future<Void> insert(Tx tx, String sagaId, D data) {
    return tx.connection()
        .preparedQuery(INSERT)
        .execute(Tuple.of(definition.name(), sagaId, definition.encode(data)))
        .mapEmpty();
  }

  /**
   * The saga that has waited longest for a reply, longer than {@code timeout}, locked in {@code
   * tx}; {@code null} when none is (or all are held by other transactions).
   */
  Future<SagaInstance<D>> claimOverdue(Tx tx, Duration timeout) {
    return tx.connection()
        .preparedQuery(CLAIM_OVERDUE)
        .execute(Tuple.of(definition.name(), (double) timeout.toMillis()))
        .map(rows -> rows.size() == 0 ? null : instance(rows.iterator().next()));
  }

  /** How many sagas wait for a reply, and how many of them longer than {@code timeout}. */
  Future<SagaOrchestrator.Unfinished> unfinished(SqlClient client, Duration timeout) {
    return client
        .preparedQuery(COUNT_UNFINISHED)
        .execute(Tuple.of(definition.name(), (double) timeout.toMillis()))
        .map(
            rows -> {
              Row row = rows.iterator().next();
              return new SagaOrchestrator.Unfinished(
                  row.getLong("awaiting"), row.getLong("overdue"));
            });
  }

  Future<Void> save(Tx tx, SagaInstance<D> instance) {
    return tx.connection()
        .preparedQuery(SAVE)
        .execute(
            Tuple.from(
                new Object[] {
                  definition.name(),
                  instance.sagaId(),
                  instance.step(),
                  instance.awaiting(),
                  instance.compensating(),
                  instance.outcome() == null ? null : instance.outcome().name(),
                  instance.failureCode(),
                  instance.failureReason(),
                  instance.commandId(),
                  instance.attempts()
                }))
        .mapEmpty();
  }

  Future<SagaInstance<D>> load(SqlClient client, String sagaId, boolean lock) {
    return client
        .preparedQuery(lock ? LOAD + " FOR UPDATE" : LOAD)
        .execute(Tuple.of(definition.name(), sagaId))
        .map(rows -> rows.size() == 0 ? null : instance(rows.iterator().next()));
  }

  private SagaInstance<D> instance(Row row) {
    String outcome = row.getString("outcome");
    return new SagaInstance<>(
        row.getString("saga_id"),
        definition.decode(row.getBuffer("data").getBytes()),
        row.getInteger("step"),
        row.getString("awaiting"),
        row.getBoolean("compensating"),
        outcome == null ? null : SagaOutcome.valueOf(outcome),
        row.getString("failure_code"),
        row.getString("failure_reason"),
        row.getUUID("command_id"),
        row.getInteger("attempts"));
  }
}
