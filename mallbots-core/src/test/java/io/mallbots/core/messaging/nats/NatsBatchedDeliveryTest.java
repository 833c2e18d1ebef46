package io.mallbots.core.messaging.nats;

import io.mallbots.core.messaging.BatchedDeliveryContract;
import io.mallbots.core.messaging.EventStream;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;

/** Batched delivery on the NATS server at {@code NATS_URL}. */
class NatsBatchedDeliveryTest extends BatchedDeliveryContract {

  @Override
  protected EventStream newStream(Vertx vertx) {
    return NatsEventStreamContractTest.connect(vertx);
  }

  /** Each message is pushed alone, at most one per partition in flight (docs/adr/0009). */
  @Override
  protected boolean deliversTogether() {
    return false;
  }

  @AfterAll
  static void deleteTestStreams() throws Exception {
    NatsEventStreamContractTest.deleteTestStreams();
  }
}
