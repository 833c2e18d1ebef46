package io.mallbots.core.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.common.v1.CommandReply;
import io.mallbots.common.v1.Outcome;
import io.mallbots.core.db.Database;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.testing.OutboxRows;
import io.mallbots.core.testing.ServiceDatabase;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandHandlingTest {

  private static final String REPLIES = "mallbots.ordering.replies.CreateOrder";
  private final ServiceDatabase schema = ServiceDatabase.create("saga_test", "probe");
  private final Database database = schema.database();

  @AfterAll
  void drop() {
    schema.close();
  }

  @BeforeEach
  void empty() {
    schema.truncate("things", "outbox", "inbox", "saga_command_rejections");
  }

  @Test
  void a_command_delivered_twice_has_one_effect_and_one_success_reply() {
    MessageHandler handler =
        CommandHandling.exactlyOnce(
            database,
            "probe-commands",
            (tx, command) ->
                tx.connection()
                    .preparedQuery("INSERT INTO things (id) VALUES ($1)")
                    .execute(io.vertx.sqlclient.Tuple.of(command.aggregateId()))
                    .mapEmpty());
    Message command = command("order-1");

    handler.handle(command).await();
    handler.handle(command).await();

    assertThat(count("things")).isEqualTo(1);
    List<Message> replies = replies();
    assertThat(replies).hasSize(1);
    Message reply = replies.get(0);
    assertThat(reply.topic()).isEqualTo(REPLIES);
    assertThat(reply.aggregateId()).isEqualTo("order-1");
    assertThat(reply.metadata())
        .containsEntry(Metadata.COMMAND, "probe.DoThing")
        .containsEntry(Metadata.SAGA_ID, "order-1")
        .containsEntry(Metadata.CAUSATION_ID, command.id());
    assertThat(parse(reply).getOutcome()).isEqualTo(Outcome.OUTCOME_SUCCESS);
  }

  @Test
  void a_business_rejection_rolls_back_the_effect_and_replies_failure_once() {
    MessageHandler handler =
        CommandHandling.exactlyOnce(
            database,
            "probe-commands",
            (tx, command) ->
                tx.connection()
                    .preparedQuery("INSERT INTO things (id) VALUES ('half-done')")
                    .execute()
                    .compose(
                        r ->
                            Future.failedFuture(
                                new Conflict("THING_DISABLED", "thing is disabled"))));
    Message command = command("order-2");

    handler.handle(command).await();
    handler.handle(command).await();

    assertThat(count("things")).isZero();
    List<Message> replies = replies();
    assertThat(replies).hasSize(1);
    CommandReply body = parse(replies.get(0));
    assertThat(body.getOutcome()).isEqualTo(Outcome.OUTCOME_FAILURE);
    assertThat(body.getCode()).isEqualTo("THING_DISABLED");
    assertThat(body.getReason()).isEqualTo("thing is disabled");
  }

  @Test
  void a_technical_failure_commits_nothing_so_the_command_is_retried() {
    MessageHandler handler =
        CommandHandling.exactlyOnce(
            database,
            "probe-commands",
            (tx, command) -> Future.failedFuture(new IllegalStateException("database hiccup")));

    assertThatThrownBy(() -> handler.handle(command("order-3")).await())
        .hasMessageContaining("hiccup");
    assertThat(count("inbox")).isZero();
    assertThat(count("outbox")).isZero();
  }

  @Test
  void a_command_sent_again_for_want_of_a_reply_has_no_second_effect_but_is_answered_again() {
    MessageHandler handler =
        CommandHandling.exactlyOnce(
            database,
            "probe-commands",
            (tx, command) ->
                tx.connection()
                    .preparedQuery("INSERT INTO things (id) VALUES ($1)")
                    .execute(io.vertx.sqlclient.Tuple.of(command.aggregateId()))
                    .mapEmpty());
    Message command = command("order-4");
    Message again = resent(command);

    handler.handle(command).await();
    handler.handle(again).await();
    handler
        .handle(again)
        .await(); // the re-sent envelope itself redelivered: answered again, still no effect

    assertThat(count("things")).isEqualTo(1);
    List<Message> replies = replies();
    assertThat(replies)
        .hasSize(3)
        .allSatisfy(
            reply -> assertThat(parse(reply).getOutcome()).isEqualTo(Outcome.OUTCOME_SUCCESS));
    assertThat(replies.get(1).metadata())
        .containsEntry(Metadata.CAUSATION_ID, again.id())
        .containsEntry(Metadata.COMMAND, "probe.DoThing")
        .containsEntry(Metadata.SAGA_ID, "order-4");
  }

  @Test
  void a_rejected_command_sent_again_gets_the_same_rejection_again() {
    MessageHandler handler =
        CommandHandling.exactlyOnce(
            database,
            "probe-commands",
            (tx, command) ->
                Future.failedFuture(new Conflict("THING_DISABLED", "thing is disabled")));
    Message command = command("order-5");

    handler.handle(command).await();
    handler.handle(resent(command)).await();

    List<Message> replies = replies();
    assertThat(replies).hasSize(2);
    assertThat(replies)
        .extracting(reply -> parse(reply).getCode())
        .containsExactly("THING_DISABLED", "THING_DISABLED");
    assertThat(replies)
        .extracting(reply -> parse(reply).getReason())
        .containsOnly("thing is disabled");
  }

  @Test
  void a_re_sent_command_whose_first_envelope_never_arrived_has_its_effect_once() {
    MessageHandler handler =
        CommandHandling.exactlyOnce(
            database,
            "probe-commands",
            (tx, command) ->
                tx.connection()
                    .preparedQuery("INSERT INTO things (id) VALUES ($1)")
                    .execute(io.vertx.sqlclient.Tuple.of(command.aggregateId()))
                    .mapEmpty());
    Message command = command("order-6");

    handler.handle(resent(command)).await(); // the first was lost (or dead-lettered) on the way
    handler.handle(command).await(); // then turns up after all

    assertThat(count("things")).isEqualTo(1);
    assertThat(replies()).hasSize(1);
  }

  /** The orchestrator's re-send: a new envelope naming the first one. */
  private static Message resent(Message command) {
    return new Message(
            java.util.UUID.randomUUID().toString(),
            command.topic(),
            command.name(),
            command.version(),
            command.aggregateId(),
            command.payload(),
            command.metadata())
        .withMetadata(Metadata.REPLAY_OF, command.id());
  }

  private static Message command(String orderId) {
    return Message.create("mallbots.probe.commands", "probe.DoThing", orderId, new byte[0])
        .withMetadata(Map.of(Metadata.REPLY_TO, REPLIES, Metadata.SAGA_ID, orderId));
  }

  private long count(String table) {
    return database
        .pool()
        .query("SELECT count(*) FROM " + table)
        .execute()
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  private List<Message> replies() {
    return OutboxRows.all(database);
  }

  private static CommandReply parse(Message reply) {
    try {
      return CommandReply.parseFrom(reply.payload());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
