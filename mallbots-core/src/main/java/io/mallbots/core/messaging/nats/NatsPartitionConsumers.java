package io.mallbots.core.messaging.nats;

import io.nats.client.Connection;
import io.nats.client.ConsumeOptions;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.MessageConsumer;
import io.nats.client.MessageHandler;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pulls of one {@link NatsSubscription} on JetStream: starts pulling a partition's durable
 * consumer of the group, and naks the message an ended pull left out. Worker threads only.
 */
final class NatsPartitionConsumers implements NatsSubscription.PartitionConsumers {

  private static final Logger log = LoggerFactory.getLogger(NatsPartitionConsumers.class);

  /**
   * How long one pull request waits on the server. A restarted server has forgotten the open pulls,
   * and the client notices only when three idle heartbeats (half the expiry each) are missed: with
   * the client's 30 s default, make chaos saw every consumer stand still for 45 s after a NATS
   * restart; with 5 s it is about 8 s. A member giving a partition up also waits for its open pull
   * to end (docs/adr/0009): 2 s keeps hand-overs short, at the cost of an idle pull request per
   * owned partition every 2 s.
   */
  static final Duration PULL_EXPIRES = Duration.ofSeconds(2);

  private final Connection connection;
  private final JetStream jetStream;
  private final Dispatcher deliveries;
  private final NatsStreamAdmin admin;
  private final String service;
  private final String topic;
  private final String group;
  private final MessageHandler receiver;

  /**
   * @param deliveries the thread on which jnats hands over the messages
   * @param service the service subject whose stream holds the topic
   * @param receiver takes each delivery ({@link NatsSubscription#receive})
   */
  NatsPartitionConsumers(
      Connection connection,
      JetStream jetStream,
      Dispatcher deliveries,
      NatsStreamAdmin admin,
      String service,
      String topic,
      String group,
      MessageHandler receiver) {
    this.connection = connection;
    this.jetStream = jetStream;
    this.deliveries = deliveries;
    this.admin = admin;
    this.service = service;
    this.topic = topic;
    this.group = group;
    this.receiver = receiver;
  }

  /** Starts pulling from partition {@code k}'s durable consumer of the group. Worker thread. */
  @Override
  public MessageConsumer consume(int k) throws Exception {
    String stream = admin.ensureStream(service).get();
    String durable = JetStreamNames.durableName(group, JetStreamNames.partitionSubject(topic, k));
    ConsumeOptions consumeOptions =
        ConsumeOptions.builder().batchSize(1).expiresIn(PULL_EXPIRES.toMillis()).build();
    return jetStream
        .getConsumerContext(stream, durable)
        .consume(consumeOptions, deliveries, receiver);
  }

  /**
   * Naks the message {@code consumer} has out if it was delivered after {@code lastReceived} (so it
   * never reached the subscription), by its JetStream ack subject. Worker thread.
   */
  @Override
  public void nakUnreceived(MessageConsumer consumer, long lastReceived)
      throws IOException, JetStreamApiException, InterruptedException {
    ConsumerInfo cached = consumer.getCachedConsumerInfo();
    if (cached == null) {
      return; // the pull never reached the server: nothing of it can be out
    }
    // The server may still hold a pull request of ours that jnats no longer counts: a message it
    // delivers there is lost to us until the ack wait. Wait until the server holds none (they
    // expire after PULL_EXPIRES); a bounded poll, on a worker thread.
    long deadline = System.nanoTime() + PULL_EXPIRES.multipliedBy(2).toNanos();
    ConsumerInfo info = admin.consumerInfo(cached.getStreamName(), cached.getName());
    while (info.getNumWaiting() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      info = admin.consumerInfo(cached.getStreamName(), cached.getName());
    }
    long sseq = info.getDelivered().getStreamSequence();
    log.debug(
        "consumer {} after its pull: pending {}, last delivered {}, last received {}",
        info.getName(),
        info.getNumAckPending(),
        sseq,
        lastReceived);
    if (info.getNumAckPending() == 0 || sseq <= lastReceived) {
      return;
    }
    long dseq = info.getDelivered().getConsumerSequence();
    // $JS.ACK.<stream>.<consumer>.<delivery count>.<stream seq>.<consumer seq>.<timestamp>
    // .<pending>: the server reads the sequences; a delivery count of 1 only affects its
    // redelivery statistics.
    String ackSubject =
        "$JS.ACK."
            + info.getStreamName()
            + "."
            + info.getName()
            + ".1."
            + sseq
            + "."
            + dseq
            + ".0.0";
    log.info(
        "nak'ing message {} of consumer {}: delivered while the pull ended, never received",
        sseq,
        info.getName());
    connection.publish(ackSubject, "-NAK".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }
}
