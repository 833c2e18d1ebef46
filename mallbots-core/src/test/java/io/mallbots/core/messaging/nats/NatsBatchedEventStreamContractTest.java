package io.mallbots.core.messaging.nats;

/** The whole contract again, with subscriptions that take batches of up to eight messages. */
class NatsBatchedEventStreamContractTest extends NatsEventStreamContractTest {

  @Override
  protected int batchSize() {
    return 8;
  }
}
