package io.mallbots.core.messaging.memory;

import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.EventStreamContract;
import io.vertx.core.Vertx;
import java.time.Duration;

class MemoryEventStreamContractTest extends EventStreamContract {

  /** One broker per test; each stream is a connection to it, as with a real broker. */
  private final MemoryBroker broker = new MemoryBroker();

  @Override
  protected EventStream newStream(Vertx vertx) {
    return new MemoryEventStream(vertx, broker);
  }

  @Override
  protected Duration patience() {
    return Duration.ofSeconds(5);
  }
}
