package io.mallbots.core.messaging.kafka;

/** The whole contract again, with subscriptions that take batches of up to eight messages. */
class KafkaBatchedEventStreamContractTest extends KafkaEventStreamContractTest {

  @Override
  protected int batchSize() {
    return 8;
  }
}
