package io.mallbots.core.testing;

import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.config.StandardPorts;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings for a service under test: its own schema, ephemeral ports on loopback, a chosen broker,
 * and an event namespace of its own.
 */
public final class TestServices {

  private TestServices() {}

  /** In-JVM broker ({@code EventStreams.inProcessBroker()}). */
  public static Map<String, String> overrides(PostgresSettings database) {
    return overrides(database, "memory");
  }

  /**
   * {@code eventServer} is kafka, nats or memory; Kafka and NATS addresses come from the
   * environment.
   */
  public static Map<String, String> overrides(PostgresSettings database, String eventServer) {
    Map<String, String> overrides = new HashMap<>(TestDatabases.asEnvironment(database));
    overrides.put("GRPC_SERVER_HOST", "127.0.0.1");
    overrides.put("GRPC_SERVER_PORT", "0");
    overrides.put("HTTP_SERVER_HOST", "127.0.0.1");
    overrides.put("HTTP_SERVER_PORT", "0");
    overrides.put("EVENT_SERVER_TYPE", eventServer);
    overrides.put(
        "KAFKA_BROKERS", TestDatabases.env("KAFKA_BROKERS", StandardPorts.kafkaBrokers()));
    overrides.put("NATS_URL", TestDatabases.env("NATS_URL", StandardPorts.natsUrl()));
    overrides.put("OUTBOX_POLL_INTERVAL_MS", "200");
    // Topics and groups of their own: tests on a shared broker never see each other's messages.
    overrides.put(
        "EVENT_NAMESPACE", "test-" + java.util.UUID.randomUUID().toString().substring(0, 8));
    return overrides;
  }
}
