package io.mallbots.core.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.config.SagaSettings;
import io.mallbots.core.db.Database;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.testing.OutboxRows;
import io.mallbots.core.testing.ServiceDatabase;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The create-order shape with a step that has a remote compensation (ConfirmPayment, undone by
 * ReleasePayment), and steps whose reply never comes: sent again after the step timeout, then given
 * up and compensated. Commands "leave" when the test relays the outbox (reads and deletes it), as
 * the relay would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SagaCompensationAndTimeoutsTest {

  private static final String COMMANDS = "mallbots.probe.commands";
  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private final ServiceDatabase schema = ServiceDatabase.create("saga_timeouts_test", "probe");
  private final Database database = schema.database();
  private final SagaDefinition<String> definition =
      SagaDefinition.<String>named(
              "probe-order",
              "mallbots.probe.replies.ProbeOrder",
              s -> s.getBytes(StandardCharsets.UTF_8),
              b -> new String(b, StandardCharsets.UTF_8))
          .compensation(s -> command("probe.RejectOrder", s.data() + " because " + s.failureCode()))
          .action(s -> command("probe.AuthorizeUser", s.data()))
          .step(
              s -> command("probe.ConfirmPayment", s.data()),
              s -> command("probe.ReleasePayment", s.data()))
          .action(s -> command("probe.ApproveOrder", s.data()));
  private final SagaOrchestrator<String> sagas = new SagaOrchestrator<>(definition);
  private final ProbeSagas run = new ProbeSagas(database, sagas);
  private final SagaTimeouts timeouts =
      new SagaTimeouts(schema.vertx(), database, sagas, new SagaSettings(TIMEOUT, 2));
  private final List<Message> sent = new CopyOnWriteArrayList<>();

  @AfterAll
  void drop() {
    schema.close();
  }

  @BeforeEach
  void empty() {
    schema.truncate("outbox", "saga_instances");
    sent.clear();
  }

  @Test
  void a_later_failure_sends_the_compensation_command_of_a_remote_step_then_the_ones_before_it() {
    String id = run.start("order-data");
    run.succeed(last("probe.AuthorizeUser"));
    run.succeed(last("probe.ConfirmPayment"));
    run.fail(last("probe.ApproveOrder"), "ORDER_NOT_PENDING");

    Message release = last("probe.ReleasePayment");
    assertThat(release.payload()).asString(StandardCharsets.UTF_8).isEqualTo("order-data");
    assertThat(release.metadata()).containsEntry(Metadata.SAGA_ID, id);
    run.succeed(release);
    run.succeed(last("probe.RejectOrder"));

    assertThat(names())
        .containsExactly(
            "probe.AuthorizeUser",
            "probe.ConfirmPayment",
            "probe.ApproveOrder",
            "probe.ReleasePayment",
            "probe.RejectOrder");
    SagaView<String> saga = sagas.find(database.reads(), id).await();
    assertThat(saga.outcome()).isEqualTo(SagaOutcome.COMPENSATED);
    assertThat(saga.failureCode()).isEqualTo("ORDER_NOT_PENDING");
  }

  @Test
  void a_failure_of_the_step_itself_does_not_run_its_own_compensation() {
    String id = run.start("order-data");
    run.succeed(last("probe.AuthorizeUser"));
    run.fail(last("probe.ConfirmPayment"), "PAYMENT_AMOUNT_MISMATCH");
    run.succeed(last("probe.RejectOrder"));

    assertThat(names())
        .containsExactly("probe.AuthorizeUser", "probe.ConfirmPayment", "probe.RejectOrder");
    assertThat(sagas.find(database.reads(), id).await().outcome())
        .isEqualTo(SagaOutcome.COMPENSATED);
  }

  @Test
  void
      a_step_without_reply_is_sent_again_under_the_same_command_id_then_given_up_and_compensated() {
    String id = run.start("order-data");
    run.succeed(last("probe.AuthorizeUser"));
    Message confirm = last("probe.ConfirmPayment");

    // No reply comes: after each timeout the command goes again, twice, then the step is given up.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> sweepAndRelay().contains("probe.ReleasePayment"));

    List<Message> confirms = sent("probe.ConfirmPayment");
    assertThat(confirms).hasSize(3);
    assertThat(confirms.subList(1, 3))
        .allSatisfy(
            again -> {
              assertThat(again.id())
                  .isNotEqualTo(confirm.id()); // JetStream would drop a repeated envelope id
              assertThat(again.metadata())
                  .containsEntry(Metadata.REPLAY_OF, confirm.id())
                  .containsEntry(Metadata.SAGA_ID, id)
                  .containsEntry(Metadata.REPLY_TO, "mallbots.probe.replies.ProbeOrder");
              assertThat(again.payload()).isEqualTo(confirm.payload());
            });
    // The confirmation may have happened with only its reply lost: the step's own compensation runs
    // first.
    assertThat(names())
        .containsExactly(
            "probe.AuthorizeUser",
            "probe.ConfirmPayment",
            "probe.ConfirmPayment",
            "probe.ConfirmPayment",
            "probe.ReleasePayment");
    SagaView<String> saga = sagas.find(database.reads(), id).await();
    assertThat(saga.compensating()).isTrue();
    assertThat(saga.failureCode()).isEqualTo(SagaOrchestrator.STEP_TIMED_OUT);
    assertThat(saga.failureReason()).contains("probe.ConfirmPayment");

    run.succeed(last("probe.ReleasePayment"));
    Message reject = last("probe.RejectOrder");
    assertThat(reject.payload())
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("order-data because STEP_TIMED_OUT");
    run.succeed(reject);
    assertThat(sagas.find(database.reads(), id).await().outcome())
        .isEqualTo(SagaOutcome.COMPENSATED);
  }

  @Test
  void a_reply_to_the_re_sent_command_moves_the_saga_on() {
    String id = run.start("order-data");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              sweepAndRelay();
              return sent("probe.AuthorizeUser").size() >= 2;
            });

    run.succeed(sent("probe.AuthorizeUser").get(1));

    assertThat(sagas.find(database.reads(), id).await().awaiting())
        .isEqualTo("probe.ConfirmPayment");
  }

  @Test
  void a_late_reply_after_the_step_was_given_up_changes_nothing() {
    String id = run.start("order-data");
    Message authorize = last("probe.AuthorizeUser");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> sweepAndRelay().contains("probe.RejectOrder"));

    run.succeed(authorize); // the reply that was only late
    assertThat(sagas.find(database.reads(), id).await().awaiting()).isEqualTo("probe.RejectOrder");
    run.succeed(last("probe.RejectOrder"));
    run.succeed(authorize); // and once more after the end
    relay();

    assertThat(names()).doesNotContain("probe.ConfirmPayment");
    SagaView<String> saga = sagas.find(database.reads(), id).await();
    assertThat(saga.outcome()).isEqualTo(SagaOutcome.COMPENSATED);
    assertThat(saga.failureCode()).isEqualTo(SagaOrchestrator.STEP_TIMED_OUT);
  }

  @Test
  void an_unanswered_compensation_is_given_up_and_the_way_back_goes_on() {
    String id = run.start("order-data");
    run.succeed(last("probe.AuthorizeUser"));
    run.succeed(last("probe.ConfirmPayment"));
    run.fail(last("probe.ApproveOrder"), "ORDER_NOT_PENDING");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> sweepAndRelay().contains("probe.RejectOrder"));

    assertThat(sent("probe.ReleasePayment")).hasSize(3);
    SagaView<String> saga = sagas.find(database.reads(), id).await();
    assertThat(saga.awaiting()).isEqualTo("probe.RejectOrder");
    assertThat(saga.failureCode())
        .isEqualTo("ORDER_NOT_PENDING"); // why the saga failed, not the lost reply
  }

  @Test
  void a_command_that_has_not_left_the_outbox_is_not_sent_again() {
    String id = run.start("order-data");
    // Nothing relays: the broker is down, so the command waits in the outbox rather than for a
    // reply.
    schema.execute("UPDATE saga_instances SET updated_at = now() - interval '1 hour'");
    SagaTimeouts patient =
        new SagaTimeouts(
            schema.vertx(), database, sagas, new SagaSettings(Duration.ofMinutes(10), 2));

    assertThat(patient.sweep().await()).isEqualTo(1);
    assertThat(OutboxRows.all(database))
        .extracting(Message::name)
        .containsExactly("probe.AuthorizeUser");
    assertThat(sagas.find(database.reads(), id).await().awaiting())
        .isEqualTo("probe.AuthorizeUser");
    assertThat(patient.sweep().await()).as("its wait started again").isZero();
  }

  @Test
  void two_instances_sweeping_at_once_act_once_on_each_saga() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(run.start("order-" + i));
    }
    relay();
    // A step timeout the test cannot outlast, and every saga's wait already longer: each sweep sees
    // the six overdue once, and a step sent again is not due again before the three sweeps end,
    // however slow they are.
    SagaSettings patient = new SagaSettings(Duration.ofMinutes(10), 2);
    schema.execute("UPDATE saga_instances SET updated_at = now() - interval '1 hour'");
    Database other = Database.connect(schema.vertx(), schema.settings());
    SagaTimeouts oneInstance = new SagaTimeouts(schema.vertx(), database, sagas, patient);
    SagaTimeouts otherInstance = new SagaTimeouts(schema.vertx(), other, sagas, patient);

    List<Integer> acted =
        Future.all(oneInstance.sweep(), otherInstance.sweep(), oneInstance.sweep()).await().list();
    other.close().await();

    assertThat(acted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);
    relay();
    assertThat(sent("probe.AuthorizeUser")).hasSize(12);
    assertThat(
            sent("probe.AuthorizeUser").stream()
                .collect(Collectors.groupingBy(Message::aggregateId, Collectors.counting())))
        .hasSize(6)
        .allSatisfy((saga, times) -> assertThat(times).isEqualTo(2));
  }

  @Test
  void the_unfinished_sagas_are_counted_and_the_overdue_ones_apart() {
    run.start("order-a");
    String done = run.start("order-b");
    run.fail(last("probe.AuthorizeUser"), "USER_DISABLED");
    run.succeed(last("probe.RejectOrder"));
    assertThat(sagas.find(database.reads(), done).await().outcome()).isNotNull();

    assertThat(sagas.unfinished(database.reads(), Duration.ofMinutes(1)).await())
        .isEqualTo(new SagaOrchestrator.Unfinished(1, 0));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                sagas
                    .unfinished(database.reads(), TIMEOUT)
                    .await()
                    .equals(new SagaOrchestrator.Unfinished(1, 1)));
  }

  /** One sweep, then what it sent leaves; the names of everything sent so far. */
  private Set<String> sweepAndRelay() {
    timeouts.sweep().await();
    relay();
    return Set.copyOf(names());
  }

  /** Publishes the outbox, as the relay would: what was in it is sent, and leaves the table. */
  private void relay() {
    List<Message> rows = OutboxRows.all(database);
    sent.addAll(rows);
    if (!rows.isEmpty()) {
      database
          .pool()
          .preparedQuery("DELETE FROM outbox WHERE id = ANY($1)")
          .execute(
              io.vertx.sqlclient.Tuple.of(
                  rows.stream().map(m -> UUID.fromString(m.id())).toArray(UUID[]::new)))
          .await();
    }
  }

  private List<String> names() {
    relay();
    return sent.stream().map(Message::name).toList();
  }

  private List<Message> sent(String name) {
    relay();
    return sent.stream().filter(m -> m.name().equals(name)).toList();
  }

  private Message last(String name) {
    List<Message> matching = sent(name);
    assertThat(matching).as("sent " + name).isNotEmpty();
    return matching.get(matching.size() - 1);
  }

  private static SagaCommand command(String name, String payload) {
    return new SagaCommand(COMMANDS, name, payload.getBytes(StandardCharsets.UTF_8));
  }
}
