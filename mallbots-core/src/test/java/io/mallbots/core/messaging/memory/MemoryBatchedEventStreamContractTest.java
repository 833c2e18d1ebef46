package io.mallbots.core.messaging.memory;

/** The whole contract again, with subscriptions that take batches of up to eight messages. */
class MemoryBatchedEventStreamContractTest extends MemoryEventStreamContractTest {

  @Override
  protected int batchSize() {
    return 8;
  }
}
