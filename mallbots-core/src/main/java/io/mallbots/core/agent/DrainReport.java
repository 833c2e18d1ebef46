package io.mallbots.core.agent;

import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.db.Database;
import io.mallbots.core.messaging.BrokerLag;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.rpc.IntakeSwitch;
import io.mallbots.core.saga.SagaOrchestrator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What one service still has in flight, for {@code GET /drain} and a paused broker swap: whether
 * its intake is paused, its outbox rows not yet published (and those parked, which wait for an
 * operator, not for the relay), each subscription group's lag on the broker it reads, and its sagas
 * that have no outcome yet (a command sent and not answered). {@code drained} is true when nothing
 * of these moves any more: no pending row, every lag zero, no saga waiting. Across the mall that
 * means no message is in flight. The lag reader connects on the first report and closes with the
 * agent.
 */
final class DrainReport {

  private record Group(String topic, String group) {}

  private final Vertx vertx;
  private final CoreSettings settings;
  private final Database database;
  private final IntakeSwitch intake;
  private final List<Group> groups = new CopyOnWriteArrayList<>();
  private final List<SagaOrchestrator<?>> sagas = new CopyOnWriteArrayList<>();
  private Future<BrokerLag> lag;

  DrainReport(Vertx vertx, CoreSettings settings, Database database, IntakeSwitch intake) {
    this.vertx = vertx;
    this.settings = settings;
    this.database = database;
    this.intake = intake;
  }

  void subscribed(String topic, String group) {
    groups.add(new Group(topic, group));
  }

  void supervises(SagaOrchestrator<?> orchestrator) {
    sagas.add(orchestrator);
  }

  /** The report now; fails when the database does not answer. */
  Future<JsonObject> now() {
    Future<Row> outbox =
        database
            .reads()
            .query(
                "SELECT (SELECT count(*) FROM outbox) AS pending,"
                    + " (SELECT count(*) FROM outbox_parked) AS parked")
            .execute()
            .map(rows -> rows.iterator().next());
    List<Future<JsonObject>> sagaCounts = new ArrayList<>();
    for (SagaOrchestrator<?> saga : sagas) {
      sagaCounts.add(
          saga.unfinished(database.reads(), settings.saga().stepTimeout())
              .map(
                  unfinished ->
                      new JsonObject()
                          .put("saga", saga.name())
                          .put("unfinished", unfinished.awaiting())));
    }
    Future<List<JsonObject>> lags = lags();
    return Future.all(outbox, Future.all(sagaCounts), lags)
        .map(all -> report(outbox.result(), sagaCounts, lags.result()));
  }

  private JsonObject report(
      Row outbox, List<Future<JsonObject>> sagaCounts, List<JsonObject> lags) {
    List<String> waitingFor = new ArrayList<>();
    long pending = outbox.getLong("pending");
    if (pending > 0) {
      waitingFor.add(pending + " outbox rows to publish");
    }
    for (JsonObject group : lags) {
      Long behind = group.getLong("lag");
      if (behind == null || behind > 0) {
        waitingFor.add(
            group.getString("group")
                + " on "
                + group.getString("topic")
                + (behind == null ? ": lag unknown" : ": " + behind + " messages"));
      }
    }
    JsonArray sagaArray = new JsonArray();
    for (Future<JsonObject> count : sagaCounts) {
      sagaArray.add(count.result());
      if (count.result().getLong("unfinished") > 0) {
        waitingFor.add(
            count.result().getLong("unfinished")
                + " sagas "
                + count.result().getString("saga")
                + " waiting for a reply");
      }
    }
    return new JsonObject()
        .put("service", settings.service())
        .put("paused", intake.paused())
        .put("pausedSince", intake.paused() ? String.valueOf(intake.pausedSince()) : null)
        .put("broker", name(settings))
        .put(
            "drainingFrom",
            settings.drainFrom().map(from -> from.name().toLowerCase(Locale.ROOT)).orElse(null))
        .put(
            "outbox",
            new JsonObject().put("pending", pending).put("parked", outbox.getLong("parked")))
        .put("subscriptions", new JsonArray(lags))
        .put("sagas", sagaArray)
        .put("drained", waitingFor.isEmpty())
        .put("waitingFor", new JsonArray(waitingFor));
  }

  /** Each group's lag on the broker it reads; {@code lag: null} and the reason when unknown. */
  private Future<List<JsonObject>> lags() {
    if (groups.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    String prefix = settings.eventNamespace().isEmpty() ? "" : settings.eventNamespace() + ".";
    return reader()
        .transform(
            connected -> {
              List<Future<JsonObject>> each = new ArrayList<>();
              for (Group group : groups) {
                String topic = prefix + group.topic();
                String name = prefix + group.group();
                JsonObject row = new JsonObject().put("topic", topic).put("group", name);
                each.add(
                    connected.failed()
                        ? Future.succeededFuture(unknown(row, connected.cause()))
                        : connected
                            .result()
                            .lag(topic, name)
                            .map(behind -> row.put("lag", behind))
                            .otherwise(failure -> unknown(row, failure)));
              }
              return Future.all(each).map(all -> all.<JsonObject>list());
            });
  }

  private static JsonObject unknown(JsonObject row, Throwable failure) {
    return row.putNull("lag").put("error", String.valueOf(failure.getMessage()));
  }

  /** The lag reader, connected once; a failed connection is tried again on the next report. */
  private synchronized Future<BrokerLag> reader() {
    if (lag == null || lag.failed()) {
      lag = EventStreams.lagOf(vertx, settings);
    }
    return lag;
  }

  synchronized Future<Void> close() {
    return lag == null ? Future.succeededFuture() : lag.compose(BrokerLag::close, failed -> null);
  }

  private static String name(CoreSettings settings) {
    return settings.eventServer().name().toLowerCase(Locale.ROOT);
  }
}
