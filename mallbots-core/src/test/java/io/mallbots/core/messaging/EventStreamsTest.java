package io.mallbots.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.config.Settings;
import io.mallbots.core.config.StandardPorts;
import io.mallbots.core.messaging.kafka.KafkaEventStream;
import io.mallbots.core.messaging.memory.MemoryEventStream;
import io.mallbots.core.messaging.nats.NatsEventStream;
import io.mallbots.core.testing.TestDatabases;
import io.vertx.core.Vertx;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** EVENT_SERVER_TYPE picks the adapter, which answers its broker. */
class EventStreamsTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void kafka_opens_the_kafka_adapter() {
    assertConnects("kafka", KafkaEventStream.class);
  }

  @Test
  void nats_opens_the_nats_adapter() {
    assertConnects("nats", NatsEventStream.class);
  }

  @Test
  void memory_opens_the_in_jvm_broker() {
    assertConnects("memory", MemoryEventStream.class);
  }

  private void assertConnects(String type, Class<? extends EventStream> adapter) {
    CoreSettings settings =
        CoreSettings.from(
            Settings.of(
                "probe",
                Map.of(
                    "EVENT_SERVER_TYPE",
                    type,
                    "KAFKA_BROKERS",
                    TestDatabases.env("KAFKA_BROKERS", StandardPorts.kafkaBrokers()),
                    "NATS_URL",
                    TestDatabases.env("NATS_URL", StandardPorts.natsUrl()))));
    EventStream stream = EventStreams.connect(vertx, settings).await();
    try {
      assertThat(stream).isInstanceOf(adapter);
      stream.ping().await();
    } finally {
      stream.close().await();
    }
  }
}
