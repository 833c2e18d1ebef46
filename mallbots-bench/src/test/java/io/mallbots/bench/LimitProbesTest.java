package io.mallbots.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.bench.probe.BrokerCeilingProbe;
import io.mallbots.bench.probe.DatabaseCeilingProbe;
import io.mallbots.bench.probe.ProbeDatabases;
import io.mallbots.bench.probe.ProbeResult;
import io.mallbots.bench.probe.YardstickProbe;
import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.config.Settings;
import io.mallbots.core.testing.TestDatabases;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limit probes run briefly against the test PostgreSQL and the in-JVM broker: they finish,
 * count what they did and report no errors. No timing assertion: the numbers belong to {@code make
 * bench}.
 */
class LimitProbesTest {

  private static final Duration BRIEFLY = Duration.ofMillis(500);
  private static Vertx vertx;
  private static Context context;
  private static ProbeDatabases databases;

  @BeforeAll
  static void open() throws Exception {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    databases =
        ProbeDatabases.create(
            List.of("users", "payments", "notifications", "baskets", "ordering", "search"),
            service -> TestDatabases.freshSchema(service));
    Bench.on(context, () -> databases.open(vertx, ProbeDatabases.outboxDefaults()));
  }

  @AfterAll
  static void close() throws Exception {
    Bench.on(context, databases::close);
    databases.drop();
    vertx.close().await();
  }

  @Test
  void theYardstickCountsTwoInsertTransactions() throws Exception {
    ProbeResult yardstick =
        Bench.on(context, () -> YardstickProbe.run(databases.all(), 2, BRIEFLY));

    assertThat(yardstick.errors()).isEmpty();
    assertThat(yardstick.rate()).isPositive();
    assertThat(yardstick.unit()).isEqualTo("tx/s");
  }

  @Test
  void theDatabaseCeilingIssuesEveryWriteOfAnOrder() throws Exception {
    ProbeResult ceiling =
        Bench.on(context, () -> DatabaseCeilingProbe.run(vertx, databases, 8, 1, BRIEFLY));

    assertThat(ceiling.errors()).isEmpty();
    assertThat(ceiling.rate()).isPositive();
    assertThat(ceiling.details()).containsEntry("outboxRowsPerOrder", 10);
    // 6 request transactions and one per delivery acted on (12 deliveries, 4 of them passed over) =
    // 14.
    assertThat((double) ceiling.details().get("transactionsPerOrder")).isEqualTo(14.0);
    everyOrderWentThroughItsSaga();
  }

  @Test
  void theDatabaseCeilingInBatchesSharesEachDeliveryTransaction() throws Exception {
    ProbeResult ceiling =
        Bench.on(context, () -> DatabaseCeilingProbe.run(vertx, databases, 2, 4, BRIEFLY));

    assertThat(ceiling.errors()).isEmpty();
    assertThat(ceiling.details()).containsEntry("batchSize", 4);
    long orders = (long) ceiling.details().get("orders");
    assertThat(orders).isPositive();
    assertThat(orders % 4).isZero();
    // The 6 request transactions stay one per order; the 8 delivery steps are one per batch of 4.
    assertThat((double) ceiling.details().get("transactionsPerOrder")).isEqualTo(8.0);
    everyOrderWentThroughItsSaga();
  }

  private static void everyOrderWentThroughItsSaga() throws Exception {
    // Ordering's own code ran on its own tables: every order it made went through its saga to
    // APPROVED.
    assertThat(count("SELECT count(*) FROM orders_view WHERE status <> 'APPROVED'")).isZero();
    assertThat(count("SELECT count(*) FROM orders_view"))
        .isPositive()
        .isEqualTo(count("SELECT count(*) FROM saga_instances WHERE outcome = 'COMPLETED'"))
        .isEqualTo(count("SELECT count(*) FROM events WHERE version = 2"));
  }

  private static long count(String sql) throws Exception {
    return Bench.on(
        context,
        () ->
            databases
                .of("ordering")
                .pool()
                .query(sql)
                .execute()
                .map(rows -> rows.iterator().next().getLong(0)));
  }

  @Test
  void theBrokerCeilingDeliversEveryMessageToEveryGroup() throws Exception {
    CoreSettings memory =
        CoreSettings.from(Settings.of("bench", Map.of("EVENT_SERVER_TYPE", "memory")));

    ProbeResult ceiling =
        Bench.on(context, () -> BrokerCeilingProbe.run(vertx, memory, 8, BRIEFLY));

    assertThat(ceiling.errors()).isEmpty();
    assertThat(ceiling.rate()).isPositive();
    assertThat(ceiling.details()).containsEntry("deliveriesPerOrder", 12);
  }
}
