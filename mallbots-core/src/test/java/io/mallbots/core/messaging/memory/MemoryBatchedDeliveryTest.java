package io.mallbots.core.messaging.memory;

import io.mallbots.core.messaging.BatchedDeliveryContract;
import io.mallbots.core.messaging.EventStream;
import io.vertx.core.Vertx;
import java.time.Duration;

class MemoryBatchedDeliveryTest extends BatchedDeliveryContract {

  @Override
  protected EventStream newStream(Vertx vertx) {
    return new MemoryEventStream(vertx, new MemoryBroker());
  }

  @Override
  protected Duration patience() {
    return Duration.ofSeconds(5);
  }
}
