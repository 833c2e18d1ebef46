package io.mallbots.core.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.outbox.Outbox;
import io.mallbots.core.testing.OutboxRows;
import io.mallbots.core.testing.ServiceDatabase;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The create-order shape with its first and last step done by the orchestrating service itself:
 * reject (compensation of step 0) and approve (step 3) run in the transaction that reaches them,
 * with no command message and no reply.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalSagaStepsTest {

  private static final String COMMANDS = "mallbots.probe.commands";
  private static final String EVENTS = "mallbots.probe.events.Order";
  private final ServiceDatabase schema = ServiceDatabase.create("local_saga_steps_test", "probe");
  private final Database database = schema.database();

  /** What approving does this time: succeed, reject for business reasons, or break. */
  private final AtomicReference<RuntimeException> approvalFailure = new AtomicReference<>();

  private final SagaOrchestrator<String> sagas =
      new SagaOrchestrator<>(
          SagaDefinition.<String>named(
                  "probe-order",
                  "mallbots.probe.replies.ProbeOrder",
                  s -> s.getBytes(StandardCharsets.UTF_8),
                  b -> new String(b, StandardCharsets.UTF_8))
              .localCompensation(
                  "RejectOrder",
                  (tx, s) -> event(tx, "probe.OrderRejected", s.sagaId(), s.failureCode()))
              .action(s -> command("probe.AuthorizeUser", s.data()))
              .action(s -> command("probe.ConfirmPayment", s.data()))
              .localAction("ApproveOrder", this::approve));
  private final ProbeSagas run = new ProbeSagas(database, sagas);

  @AfterAll
  void drop() {
    schema.close();
  }

  @BeforeEach
  void empty() {
    schema.truncate("outbox", "saga_instances");
    approvalFailure.set(null);
  }

  @Test
  void the_last_reply_approves_in_its_own_transaction() {
    String id = run.start("order-data");
    run.succeed(lastCommand());
    run.succeed(lastCommand());

    assertThat(names())
        .containsExactly("probe.AuthorizeUser", "probe.ConfirmPayment", "probe.OrderApproved");
    SagaView<String> saga = sagas.find(database.reads(), id).await();
    assertThat(saga.outcome()).isEqualTo(SagaOutcome.COMPLETED);
    assertThat(saga.step()).isEqualTo(3);
    assertThat(saga.awaiting()).isNull();
  }

  @Test
  void a_rejected_local_step_keeps_none_of_its_writes_and_turns_the_saga_around() {
    String id = run.start("order-data");
    run.succeed(lastCommand());
    approvalFailure.set(new Conflict("ORDER_NOT_PENDING", "the order was canceled meanwhile"));
    run.succeed(lastCommand());

    assertThat(names())
        .containsExactly("probe.AuthorizeUser", "probe.ConfirmPayment", "probe.OrderRejected");
    assertThat(lastMessage().payload())
        .asString(StandardCharsets.UTF_8)
        .isEqualTo(id + " ORDER_NOT_PENDING");
    SagaView<String> saga = sagas.find(database.reads(), id).await();
    assertThat(saga.outcome()).isEqualTo(SagaOutcome.COMPENSATED);
    assertThat(saga.failureCode()).isEqualTo("ORDER_NOT_PENDING");
  }

  @Test
  void a_failed_remote_step_runs_the_local_compensation_at_once() {
    String id = run.start("order-data");
    run.fail(lastCommand(), "USER_DISABLED");

    assertThat(names()).containsExactly("probe.AuthorizeUser", "probe.OrderRejected");
    assertThat(sagas.find(database.reads(), id).await().outcome())
        .isEqualTo(SagaOutcome.COMPENSATED);
  }

  @Test
  void a_technical_failure_of_a_local_step_fails_the_reply_so_it_is_retried() {
    String id = run.start("order-data");
    run.succeed(lastCommand());
    Message confirm = lastCommand();
    approvalFailure.set(new IllegalStateException("connection reset"));

    assertThatThrownBy(() -> run.succeed(confirm)).hasMessageContaining("connection reset");
    assertThat(names()).containsExactly("probe.AuthorizeUser", "probe.ConfirmPayment");
    assertThat(sagas.find(database.reads(), id).await().awaiting())
        .isEqualTo("probe.ConfirmPayment");

    approvalFailure.set(null);
    run.succeed(confirm); // the redelivery
    assertThat(sagas.find(database.reads(), id).await().outcome()).isEqualTo(SagaOutcome.COMPLETED);
  }

  private Future<Void> approve(Tx tx, SagaState<String> saga) {
    // Writes first, then decides: a rejection must take the write back with it.
    return event(tx, "probe.OrderApproved", saga.sagaId(), "approved")
        .compose(
            v -> {
              RuntimeException failure = approvalFailure.get();
              return failure == null ? Future.succeededFuture() : Future.failedFuture(failure);
            });
  }

  private static Future<Void> event(Tx tx, String name, String orderId, String detail) {
    return Outbox.append(
        tx,
        Message.create(
            EVENTS, name, orderId, (orderId + " " + detail).getBytes(StandardCharsets.UTF_8)));
  }

  private static SagaCommand command(String name, String payload) {
    return new SagaCommand(COMMANDS, name, payload.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> names() {
    return OutboxRows.all(database).stream().map(Message::name).toList();
  }

  private Message lastCommand() {
    List<Message> commands =
        OutboxRows.all(database).stream().filter(m -> m.topic().equals(COMMANDS)).toList();
    return commands.get(commands.size() - 1);
  }

  private Message lastMessage() {
    List<Message> all = OutboxRows.all(database);
    return all.get(all.size() - 1);
  }
}
