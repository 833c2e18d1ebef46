package io.mallbots.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The standard ports of a MallBots system (DESIGN.md): each service's gRPC and HTTP port, the
 * shared servers' (PostgreSQL, Kafka, NATS) and those of the servers {@code make run} embeds. The
 * one table the Java code reads (settings defaults, the launcher, the demo, the bench and chaos);
 * each service's {@code app.env}, compose, the Helm chart and the scripts repeat the values as
 * literals, and mallbots-app's tests hold the {@code app.env} files to this table. So does {@code
 * NatsSettings.DEFAULT_URL}, as messaging sits below config (a test holds it to {@link
 * #natsUrl()}).
 */
public final class StandardPorts {

  /** The shared PostgreSQL ({@code POSTGRES_PORT}). */
  public static final int POSTGRES = 5432;

  /** The shared Kafka broker ({@code KAFKA_BROKERS}). */
  public static final int KAFKA = 9092;

  /** The shared NATS server with JetStream ({@code NATS_URL}). */
  public static final int NATS = 4222;

  /**
   * The PostgreSQL {@code make run} embeds ({@code MALLBOTS_POSTGRES_PORT}), clear of a shared one.
   */
  public static final int EMBEDDED_POSTGRES = 15432;

  /**
   * The child Kafka broker {@code make run} starts ({@code MALLBOTS_KAFKA_PORT}); its controller
   * takes the next port.
   */
  public static final int LOCAL_KAFKA = 29092;

  private static final Map<String, Integer> GRPC = new LinkedHashMap<>();
  private static final Map<String, Integer> HTTP = new LinkedHashMap<>();

  static {
    service("notifications", 5010, 8010);
    service("search", 5020, 8020);
    service("baskets", 5040, 8040);
    service("ordering", 5050, 8050);
    service("payments", 5070, 8070);
    service("users", 5080, 8030);
    service("stores", 5090, 8090);
  }

  private StandardPorts() {}

  private static void service(String name, int grpc, int http) {
    GRPC.put(name, grpc);
    HTTP.put(name, http);
  }

  /**
   * Every service's standard gRPC port ({@code GRPC_SERVER_PORT}), by service name, in port order.
   */
  public static Map<String, Integer> grpc() {
    return java.util.Collections.unmodifiableMap(GRPC);
  }

  /** The standard gRPC port of {@code service}; unknown services fail. */
  public static int grpc(String service) {
    return port(GRPC, service, "gRPC");
  }

  /**
   * The standard HTTP port of {@code service} ({@code HTTP_SERVER_PORT}; its management port is
   * this + 100).
   */
  public static int http(String service) {
    return port(HTTP, service, "HTTP");
  }

  /** {@code KAFKA_BROKERS} of the shared broker on this machine. */
  public static String kafkaBrokers() {
    return "127.0.0.1:" + KAFKA;
  }

  /** {@code NATS_URL} of the shared NATS server on this machine. */
  public static String natsUrl() {
    return "nats://127.0.0.1:" + NATS;
  }

  private static int port(Map<String, Integer> table, String service, String kind) {
    Integer port = table.get(service);
    if (port == null) {
      throw new IllegalArgumentException("no standard " + kind + " port for '" + service + "'");
    }
    return port;
  }
}
