package io.mallbots.core.messaging.nats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JetStreamNamesTest {

  private static final String BASKETS = "ns.mallbots.baskets.events.Basket";

  @Test
  void a_partition_subject_gives_its_partition() {
    assertThat(JetStreamNames.partitionOf(BASKETS + ".p0", BASKETS)).isZero();
    assertThat(JetStreamNames.partitionOf(BASKETS + ".p13", BASKETS)).isEqualTo(13);
  }

  @Test
  void a_subject_of_another_topic_of_the_same_length_is_no_partition_of_ours() {
    String orders = "ns.mallbots.ordering.events.Order";
    assertThat(orders).hasSameSizeAs(BASKETS);

    assertThat(JetStreamNames.partitionOf(orders + ".p4", BASKETS)).isEqualTo(-1);
  }

  @Test
  void the_topic_itself_its_dead_letters_and_garbage_are_no_partitions() {
    assertThat(JetStreamNames.partitionOf(BASKETS, BASKETS)).isEqualTo(-1);
    assertThat(JetStreamNames.partitionOf(BASKETS + ".dlq", BASKETS)).isEqualTo(-1);
    assertThat(JetStreamNames.partitionOf(BASKETS + ".p", BASKETS)).isEqualTo(-1);
    assertThat(JetStreamNames.partitionOf(BASKETS + ".p4x", BASKETS)).isEqualTo(-1);
    assertThat(JetStreamNames.partitionOf(null, BASKETS)).isEqualTo(-1);
  }
}
