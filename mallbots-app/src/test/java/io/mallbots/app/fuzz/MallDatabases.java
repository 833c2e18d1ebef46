package io.mallbots.app.fuzz;

import io.mallbots.app.e2e.RunningMall;
import io.mallbots.core.messaging.EventStreams;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * A fingerprint of every table of every service (row count and a hash of the row versions), to
 * prove that a refused request changed nothing anywhere; and a wait for the mall to be quiet (every
 * outbox relayed, every message handled), so that what event handlers do after an accepted request
 * is not mistaken for an effect of the next one.
 */
final class MallDatabases {

  private final RunningMall mall;
  private final Map<String, String> fingerprintQueries = new TreeMap<>();

  MallDatabases(RunningMall mall, List<String> services) {
    this.mall = mall;
    for (String service : services) {
      List<String> tables =
          mall
              .query(
                  service,
                  "SELECT table_name FROM information_schema.tables "
                      + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")
              .stream()
              .map(row -> (String) row.get("table_name"))
              .toList();
      // A row's version (where it lies, which transaction wrote it) changes with every committed
      // insert, update or delete, and is read without its values: hashing the values meant reading
      // again, at every fingerprint, the megabyte strings that accepted requests had stored.
      fingerprintQueries.put(
          service,
          tables.stream()
              .map(
                  table ->
                      "SELECT '"
                          + table
                          + "' AS name, count(*) AS n, "
                          + "coalesce(sum(hashtext(t.ctid::text || t.xmin::text)::bigint), 0) AS h FROM \""
                          + table
                          + "\" t")
              .collect(Collectors.joining(" UNION ALL ")));
    }
  }

  /**
   * {@code service.table -> rows:hash} for every table of the mall. The services' queries run at
   * once: taken after every refused request, one after the other they were about half of the
   * properties' time.
   */
  Map<String, String> fingerprint() {
    Map<String, Future<List<Map<String, Object>>>> answers = new TreeMap<>();
    fingerprintQueries.forEach(
        (service, sql) -> answers.put(service, mall.queryAsync(service, sql)));
    Future.all(List.copyOf(answers.values())).await();
    Map<String, String> tables = new TreeMap<>();
    answers.forEach(
        (service, rows) ->
            rows.result()
                .forEach(
                    row ->
                        tables.put(
                            service + "." + row.get("name"), row.get("n") + ":" + row.get("h"))));
    return tables;
  }

  /** The tables whose fingerprint differs. */
  static List<String> changed(Map<String, String> before, Map<String, String> after) {
    return after.keySet().stream()
        .filter(table -> !after.get(table).equals(before.get(table)))
        .toList();
  }

  /** Rows in the services' dead letters, as {@link #fingerprint} counted them. */
  static long deadLetters(Map<String, String> fingerprint) {
    return fingerprint.entrySet().stream()
        .filter(table -> table.getKey().endsWith(".dead_letters"))
        .mapToLong(
            table -> Long.parseLong(table.getValue().substring(0, table.getValue().indexOf(':'))))
        .sum();
  }

  /**
   * Waits until no outbox holds a row and the in-JVM broker has no message undelivered or in a
   * handler.
   */
  void awaitQuiet() {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(20))
        .until(this::quiet);
  }

  /**
   * Outboxes empty, every message handled, outboxes still empty, and nothing published meanwhile: a
   * relay that moved a row from an outbox to the broker between two looks would otherwise go
   * unseen.
   */
  private boolean quiet() {
    var broker = EventStreams.inProcessBroker();
    long published = broker.appended();
    return outboxesEmpty() && broker.idle() && outboxesEmpty() && broker.appended() == published;
  }

  /** What the database is doing, for a call that got no answer. */
  String activity() {
    return mall.query(
            "users",
            "SELECT pid, state, wait_event_type, wait_event, now() - xact_start AS xact_age, "
                + "left(query, 120) AS query FROM pg_stat_activity WHERE datname = current_database() "
                + "AND state <> 'idle' AND pid <> pg_backend_pid()")
        .toString();
  }

  private boolean outboxesEmpty() {
    return fingerprintQueries.keySet().stream()
        .allMatch(
            service ->
                ((Number) mall.query(service, "SELECT count(*) AS n FROM outbox").get(0).get("n"))
                        .longValue()
                    == 0);
  }
}
