package io.mallbots.core.saga;

import io.mallbots.core.db.Database;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.messaging.Message;
import java.util.UUID;

/**
 * Drives a test's sagas as their subscription would: each start and each reply in a transaction of
 * its own.
 */
record ProbeSagas(Database database, SagaOrchestrator<String> sagas) {

  /** Starts a saga with {@code data}; its id. */
  String start(String data) {
    String id = UUID.randomUUID().toString();
    database.inTransaction(tx -> sagas.start(tx, id, data)).await();
    return id;
  }

  /** The participant's success reply to {@code command}. */
  void succeed(Message command) {
    database.inTransaction(tx -> sagas.handleReply(tx, CommandReplies.success(command))).await();
  }

  /** The participant's business rejection of {@code command}, with {@code code}. */
  void fail(Message command, String code) {
    database
        .inTransaction(
            tx ->
                sagas.handleReply(
                    tx, CommandReplies.failure(command, new Conflict(code, code.toLowerCase()))))
        .await();
  }
}
