package io.mallbots.core.messaging.nats;

import io.nats.client.MessageConsumer;

/** A partition a {@link NatsSubscription} holds a lease on, and its pull. Context only. */
final class OwnedPartition {
  final int partition;
  final MessageConsumer consumer;
  boolean releasing;

  /** The lease is deleted (or being deleted): the partition is someone else's to take. */
  boolean released;

  OwnedPartition(int partition, MessageConsumer consumer) {
    this.partition = partition;
    this.consumer = consumer;
  }
}
