package io.mallbots.core.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.db.Database;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.testing.OutboxRows;
import io.mallbots.core.testing.ServiceDatabase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The create-order shape: step 0 compensation only, then three actions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SagaOrchestratorTest {

  private static final String COMMANDS = "mallbots.probe.commands";
  private final ServiceDatabase schema = ServiceDatabase.create("saga_orchestrator_test", "probe");
  private final Database database = schema.database();
  private final SagaDefinition<String> definition =
      SagaDefinition.<String>named(
              "probe-order",
              "mallbots.probe.replies.ProbeOrder",
              s -> s.getBytes(StandardCharsets.UTF_8),
              b -> new String(b, StandardCharsets.UTF_8))
          .compensation(s -> command("probe.RejectOrder", s.data() + " because " + s.failureCode()))
          .action(s -> command("probe.AuthorizeUser", s.data()))
          .action(s -> command("probe.ConfirmPayment", s.data()))
          .action(s -> command("probe.ApproveOrder", s.data()));
  private final SagaOrchestrator<String> sagas = new SagaOrchestrator<>(definition);
  private final ProbeSagas run = new ProbeSagas(database, sagas);

  @AfterAll
  void drop() {
    schema.close();
  }

  @BeforeEach
  void empty() {
    schema.truncate("outbox", "saga_instances");
  }

  @Test
  void every_action_succeeding_completes_the_saga() {
    String id = run.start("order-data");
    assertThat(sentCommands()).containsExactly("probe.AuthorizeUser");

    run.succeed(lastCommand());
    run.succeed(lastCommand());
    assertThat(sentCommands())
        .containsExactly("probe.AuthorizeUser", "probe.ConfirmPayment", "probe.ApproveOrder");
    run.succeed(lastCommand());

    SagaView<String> saga = sagas.find(database.reads(), id).await();
    assertThat(saga.outcome()).isEqualTo(SagaOutcome.COMPLETED);
    assertThat(saga.awaiting()).isNull();
    assertThat(sentCommands()).hasSize(3);
  }

  @Test
  void a_failed_step_runs_the_compensations_before_it_backwards() {
    String id = run.start("order-data");
    run.succeed(lastCommand());
    run.fail(lastCommand(), "PAYMENT_AMOUNT_MISMATCH");

    Message rejection = lastCommand();
    assertThat(rejection.name()).isEqualTo("probe.RejectOrder");
    assertThat(new String(rejection.payload(), StandardCharsets.UTF_8))
        .isEqualTo("order-data because PAYMENT_AMOUNT_MISMATCH");
    assertThat(rejection.metadata())
        .containsEntry(Metadata.SAGA_ID, id)
        .containsEntry(Metadata.REPLY_TO, "mallbots.probe.replies.ProbeOrder");
    run.succeed(rejection);

    SagaView<String> saga = sagas.find(database.reads(), id).await();
    assertThat(saga.outcome()).isEqualTo(SagaOutcome.COMPENSATED);
    assertThat(saga.failureCode()).isEqualTo("PAYMENT_AMOUNT_MISMATCH");
    assertThat(sentCommands())
        .containsExactly("probe.AuthorizeUser", "probe.ConfirmPayment", "probe.RejectOrder");
  }

  @Test
  void a_failure_of_the_first_action_compensates_step_zero() {
    String id = run.start("order-data");
    run.fail(lastCommand(), "USER_DISABLED");
    run.succeed(lastCommand());

    assertThat(sentCommands()).containsExactly("probe.AuthorizeUser", "probe.RejectOrder");
    assertThat(sagas.find(database.reads(), id).await().outcome())
        .isEqualTo(SagaOutcome.COMPENSATED);
  }

  @Test
  void a_reply_to_a_command_not_awaited_changes_nothing() {
    String id = run.start("order-data");
    Message authorize = lastCommand();
    run.succeed(authorize);

    run.succeed(authorize); // late duplicate of an older step's reply
    assertThat(sentCommands()).containsExactly("probe.AuthorizeUser", "probe.ConfirmPayment");
    assertThat(sagas.find(database.reads(), id).await().awaiting())
        .isEqualTo("probe.ConfirmPayment");
  }

  @Test
  void a_saga_resumes_where_it_was_after_a_restart() {
    String id = run.start("order-data");
    run.succeed(lastCommand());

    // Another orchestrator on another connection pool, as after a restart of the service.
    Database restarted = Database.connect(schema.vertx(), schema.settings());
    SagaOrchestrator<String> again = new SagaOrchestrator<>(definition);
    Message confirm = lastCommand();
    restarted.inTransaction(tx -> again.handleReply(tx, CommandReplies.success(confirm))).await();
    assertThat(again.find(restarted.reads(), id).await().awaiting())
        .isEqualTo("probe.ApproveOrder");
    restarted.close().await();
  }

  @Test
  void an_unreadable_reply_fails_so_it_is_retried_and_finally_dead_lettered() {
    run.start("order-data");
    Message garbage = CommandReplies.success(lastCommand());
    Message broken =
        new Message(
            garbage.id(),
            garbage.topic(),
            garbage.name(),
            1,
            garbage.aggregateId(),
            new byte[] {(byte) 0xff, 0x01},
            garbage.metadata());

    assertThatThrownBy(() -> database.inTransaction(tx -> sagas.handleReply(tx, broken)).await())
        .hasMessageContaining("unreadable reply");
  }

  private static SagaCommand command(String name, String payload) {
    return new SagaCommand(COMMANDS, name, payload.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> sentCommands() {
    return outbox().stream().filter(m -> m.topic().equals(COMMANDS)).map(Message::name).toList();
  }

  private Message lastCommand() {
    List<Message> all = outbox();
    return all.get(all.size() - 1);
  }

  private List<Message> outbox() {
    return OutboxRows.all(database);
  }
}
