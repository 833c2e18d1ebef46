package io.mallbots.ordering.adapters.pg;

import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.outbox.Outbox;
import io.mallbots.ordering.application.PaymentMismatches;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PaymentMismatches} as dead letters written in the handling transaction itself: the message that reported
 * the mismatch goes into {@code dead_letters} (the table the core's DeadLetters lists and replays) and, through
 * the outbox, onto {@code <topic>.dlq}, both with the reason and the same metadata the dispatcher gives a dead
 * letter, and {@code mallbots.payment.mismatches{reason}} counts it. Unlike a failed handler's message, it is not
 * tried again first: the inbox records it in the same commit. Replaying it changes nothing (the inbox has it).
 */
public final class PgPaymentMismatches implements PaymentMismatches {

  static final String METER = "mallbots.payment.mismatches";
  private static final Logger log = LoggerFactory.getLogger(PgPaymentMismatches.class);
  // The columns of the core's dead_letters table (V4__dead_letters.sql), as DeadLetters.record fills them.
  private static final String RECORD = "INSERT INTO dead_letters (message_id, subscriber, topic, name, version, "
      + "aggregate_id, payload, metadata, reason, attempts) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1) "
      + "ON CONFLICT DO NOTHING";

  private final String subscriber;

  /** {@code subscriber}: the group whose messages report paid invoices, as the dead letters name it. */
  public PgPaymentMismatches(String subscriber) {
    this.subscriber = subscriber;
  }

  @Override
  public Future<Void> record(Tx tx, Conflict mismatch) {
    String reason = mismatch.code() + ": " + mismatch.getMessage();
    Message message = tx.cause();
    log.warn("payment mismatch, the order stays as it is: {}", reason);
    if (message == null) { // not handling a message: nothing to keep but the count
      count(mismatch);
      return Future.succeededFuture();
    }
    Message letter = letter(message, reason);
    return tx.connection().preparedQuery(RECORD).execute(Tuple.tuple(List.of(message.id(), subscriber,
            message.topic(), message.name(), message.version(), message.aggregateId(), Buffer.buffer(message.payload()),
            new JsonObject(new HashMap<>(letter.metadata())), reason)))
        .compose(recorded -> Outbox.append(tx, letter))
        .onSuccess(v -> count(mismatch));
  }

  private Message letter(Message message, String reason) {
    // The outbox keys rows by UUID; every MallBots message id is one, but a foreign one gets a fresh id.
    String id = isUuid(message.id()) ? message.id() : UUID.randomUUID().toString();
    return new Message(id, EventStream.deadLetterTopic(message.topic()), message.name(), message.version(),
        message.aggregateId(), message.payload(), message.metadata()).withMetadata(Map.of(
        Metadata.ORIGINAL_TOPIC, message.topic(),
        Metadata.DEAD_LETTER_REASON, reason,
        Metadata.ATTEMPTS, "1",
        Metadata.DEAD_LETTER_GROUP, subscriber,
        "dlq-at", Instant.now().toString()));
  }

  private static void count(Conflict mismatch) {
    Counter.builder(METER).description("Paid invoices that did not pay their order, by reason")
        .tag("reason", mismatch.code()).register(Metrics.globalRegistry).increment();
  }

  private static boolean isUuid(String text) {
    try {
      UUID.fromString(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
