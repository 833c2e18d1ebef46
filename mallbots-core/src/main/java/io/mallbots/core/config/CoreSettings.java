package io.mallbots.core.config;

import io.mallbots.core.messaging.BrokerCluster;
import io.mallbots.core.messaging.EventServerType;
import io.mallbots.core.messaging.EventStreamSettings;
import io.mallbots.core.messaging.SubscriptionOptions;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings every service has, under the original MallBots variable names. Built once at start;
 * a bad value fails the start with a message that names the variable.
 *
 * @param service the service name, e.g. {@code baskets}
 * @param grpcHost {@code GRPC_SERVER_HOST}
 * @param grpcPort {@code GRPC_SERVER_PORT}
 * @param httpHost {@code HTTP_SERVER_HOST}
 * @param httpPort {@code HTTP_SERVER_PORT}
 * @param managementHost {@code MANAGEMENT_HOST}: where health, metrics and admin routes listen
 *     (default the HTTP host)
 * @param managementPort {@code MANAGEMENT_PORT}: plain HTTP, default the HTTP port + 100 (0 when
 *     the HTTP port is 0)
 * @param postgres {@code POSTGRES_*}
 * @param eventServer {@code EVENT_SERVER_TYPE}: kafka, nats or memory
 * @param drainFrom {@code EVENT_SERVER_DRAIN_FROM}: kafka or nats, the broker used before, read
 *     until drained (see {@code DrainingEventStream}); empty when not moving brokers
 * @param kafkaBrokers {@code KAFKA_BROKERS}
 * @param natsUrl {@code NATS_URL}
 * @param natsStream {@code NATS_STREAM}: prefix of the JetStream stream names
 * @param brokerCluster {@code KAFKA_PARTITIONS}, {@code KAFKA_REPLICATION_FACTOR}, {@code
 *     KAFKA_MIN_INSYNC_REPLICAS}, {@code NATS_REPLICAS}, {@code NATS_PARTITIONS}: how new topics
 *     and streams are partitioned and replicated
 * @param outbox {@code OUTBOX_BATCH_SIZE}, {@code OUTBOX_POLL_INTERVAL_MS}, {@code
 *     OUTBOX_MAX_ATTEMPTS}, {@code MESSAGE_MAX_BYTES}, {@code OUTBOX_LEASE_RETRY_MS}
 * @param subscriptions {@code MESSAGE_MAX_ATTEMPTS}, {@code MESSAGE_MAX_IN_FLIGHT}, {@code
 *     MESSAGE_BATCH_SIZE}
 * @param otlpEndpoint {@code OTEL_EXPORTER_OTLP_ENDPOINT}; traces are exported only when set
 * @param eventNamespace {@code EVENT_NAMESPACE}: prefix of every topic and group, for sharing a
 *     broker between independent runs (tests, benchmarks); empty in normal operation
 * @param stage {@code MALLBOTS_ENV}: dev or prod
 * @param serverTls {@code GRPC_SERVER_TLS_*}: TLS (and mTLS) of the gRPC port and the JSON bridge
 * @param clientTls {@code GRPC_CLIENT_TLS_*}: TLS of the calls to other services
 * @param auth {@code AUTH_REQUIRED}, {@code AUTH_PUBLIC_KEY}, {@code AUTH_PRIVATE_KEY}, {@code
 *     SERVICE_TOKEN_KEY}
 * @param maxRequestsInFlight {@code MAX_REQUESTS_IN_FLIGHT}: requests served at a time; more are
 *     refused at once
 * @param saga {@code SAGA_STEP_TIMEOUT}, {@code SAGA_STEP_RETRIES}: for services that orchestrate
 *     sagas
 * @param retention {@code INBOX_RETENTION}, {@code RETENTION_SWEEP_INTERVAL}, {@code
 *     RETENTION_BATCH_SIZE}: how long handled messages are remembered
 */
public record CoreSettings(
    String service,
    String grpcHost,
    int grpcPort,
    String httpHost,
    int httpPort,
    String managementHost,
    int managementPort,
    PostgresSettings postgres,
    EventServerType eventServer,
    Optional<EventServerType> drainFrom,
    String kafkaBrokers,
    String natsUrl,
    String natsStream,
    BrokerCluster brokerCluster,
    OutboxSettings outbox,
    SubscriptionOptions subscriptions,
    String otlpEndpoint,
    String eventNamespace,
    Stage stage,
    ServerTls serverTls,
    ClientTls clientTls,
    AuthSettings auth,
    int maxRequestsInFlight,
    SagaSettings saga,
    RetentionSettings retention)
    implements EventStreamSettings {

  /**
   * How the outbox works.
   *
   * @param batchSize rows the relay claims per pass
   * @param pollInterval how often the relay looks for rows nobody woke it for
   * @param maxAttempts failed publishes of one row (with the broker otherwise answering) before the
   *     relay parks it in {@code outbox_parked}
   * @param messageMaxBytes the largest message (payload, envelope and metadata) the outbox accepts;
   *     under the brokers' 1 MiB default limits, with room for the headers the relay and tracing
   *     add
   * @param leaseRetry how often a standby relay tries to take the schema's relay lease (one relay
   *     of a schema publishes at a time, docs/adr/0008); also the longest a fail-over waits after
   *     the active relay's session died
   */
  public record OutboxSettings(
      int batchSize,
      Duration pollInterval,
      int maxAttempts,
      int messageMaxBytes,
      Duration leaseRetry) {

    /** Failed publishes of a row before it is parked, unless told otherwise. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    /** The largest message unless told otherwise: Kafka's and NATS's default limits are 1 MiB. */
    public static final int DEFAULT_MESSAGE_MAX_BYTES = 1_000_000;

    /** How often a standby relay tries to take the lease unless told otherwise. */
    public static final Duration DEFAULT_LEASE_RETRY = Duration.ofSeconds(2);

    public OutboxSettings {
      if (batchSize < 1 || maxAttempts < 1 || messageMaxBytes < 1) {
        throw new IllegalArgumentException(
            "OUTBOX_BATCH_SIZE, OUTBOX_MAX_ATTEMPTS and MESSAGE_MAX_BYTES must be positive");
      }
      if (leaseRetry == null || leaseRetry.toMillis() < 1) {
        throw new IllegalArgumentException("OUTBOX_LEASE_RETRY_MS must be positive");
      }
    }

    /** With the default lease retry. */
    public OutboxSettings(
        int batchSize, Duration pollInterval, int maxAttempts, int messageMaxBytes) {
      this(batchSize, pollInterval, maxAttempts, messageMaxBytes, DEFAULT_LEASE_RETRY);
    }

    /** With the default attempts and message size. */
    public OutboxSettings(int batchSize, Duration pollInterval) {
      this(batchSize, pollInterval, DEFAULT_MAX_ATTEMPTS, DEFAULT_MESSAGE_MAX_BYTES);
    }
  }

  /** {@code MESSAGE_MAX_BYTES}, for {@link EventStreamSettings}: the outbox's limit. */
  @Override
  public int messageMaxBytes() {
    return outbox.messageMaxBytes();
  }

  /** The default of {@code MESSAGE_BATCH_SIZE}: the most messages a handler is given at once. */
  public static final int DEFAULT_MESSAGE_BATCH_SIZE = 32;

  /** {@code MESSAGE_BATCH_SIZE} of these settings, or its default. */
  public static int messageBatchSize(Settings settings) {
    return settings.integer("MESSAGE_BATCH_SIZE", DEFAULT_MESSAGE_BATCH_SIZE);
  }

  public static CoreSettings from(Settings settings) {
    Stage stage = settings.choice("MALLBOTS_ENV", Stage.class, Stage.DEV);
    if (stage == Stage.PROD) {
      refuseDevelopmentValues(settings);
    }
    return new CoreSettings(
        settings.service(),
        settings.string("GRPC_SERVER_HOST", "0.0.0.0"),
        settings.integer("GRPC_SERVER_PORT", 0),
        settings.string("HTTP_SERVER_HOST", "0.0.0.0"),
        settings.integer("HTTP_SERVER_PORT", 0),
        settings.string("MANAGEMENT_HOST", settings.string("HTTP_SERVER_HOST", "0.0.0.0")),
        settings.integer(
            "MANAGEMENT_PORT", managementPortBeside(settings.integer("HTTP_SERVER_PORT", 0))),
        PostgresSettings.from(settings),
        eventServer(settings),
        drainFrom(settings),
        settings.string("KAFKA_BROKERS", StandardPorts.kafkaBrokers()),
        settings.string("NATS_URL", StandardPorts.natsUrl()),
        settings.string("NATS_STREAM", "mallbots"),
        brokerCluster(settings),
        new OutboxSettings(
            settings.integer("OUTBOX_BATCH_SIZE", 256),
            settings.millis("OUTBOX_POLL_INTERVAL_MS", 1000),
            settings.integer("OUTBOX_MAX_ATTEMPTS", OutboxSettings.DEFAULT_MAX_ATTEMPTS),
            settings.integer("MESSAGE_MAX_BYTES", OutboxSettings.DEFAULT_MESSAGE_MAX_BYTES),
            settings.millis(
                "OUTBOX_LEASE_RETRY_MS", OutboxSettings.DEFAULT_LEASE_RETRY.toMillis())),
        SubscriptionOptions.DEFAULTS
            .withMaxAttempts(settings.integer("MESSAGE_MAX_ATTEMPTS", 5))
            .withMaxInFlight(settings.integer("MESSAGE_MAX_IN_FLIGHT", 64))
            .withBatchSize(messageBatchSize(settings)),
        settings.string("OTEL_EXPORTER_OTLP_ENDPOINT", null),
        settings.string("EVENT_NAMESPACE", ""),
        stage,
        ServerTls.from(settings),
        ClientTls.from(settings),
        AuthSettings.from(settings),
        settings.integer("MAX_REQUESTS_IN_FLIGHT", 256),
        SagaSettings.from(settings),
        RetentionSettings.from(settings));
  }

  static EventServerType eventServer(Settings settings) {
    return settings.choice("EVENT_SERVER_TYPE", EventServerType.class, EventServerType.KAFKA);
  }

  /**
   * {@code EVENT_SERVER_DRAIN_FROM}: another real broker than {@code EVENT_SERVER_TYPE}, or none.
   */
  static Optional<EventServerType> drainFrom(Settings settings) {
    EventServerType from = settings.choice("EVENT_SERVER_DRAIN_FROM", EventServerType.class, null);
    if (from == null) {
      return Optional.empty();
    }
    if (from == EventServerType.MEMORY) {
      throw new IllegalArgumentException(
          "EVENT_SERVER_DRAIN_FROM must be kafka or nats: the in-JVM broker keeps nothing");
    }
    if (from == eventServer(settings)) {
      throw new IllegalArgumentException(
          "EVENT_SERVER_DRAIN_FROM names the broker EVENT_SERVER_TYPE uses already ("
              + from.name().toLowerCase(java.util.Locale.ROOT)
              + "): it must name the one used before");
    }
    return Optional.of(from);
  }

  /** The broker cluster settings; the defaults fit one Kafka broker and one NATS server. */
  static BrokerCluster brokerCluster(Settings settings) {
    int replicationFactor = settings.integer("KAFKA_REPLICATION_FACTOR", 1);
    if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
      throw new IllegalArgumentException(
          "KAFKA_REPLICATION_FACTOR must be between 1 and " + Short.MAX_VALUE);
    }
    return new BrokerCluster(
        settings.integer("KAFKA_PARTITIONS", BrokerCluster.DEFAULT_KAFKA_PARTITIONS),
        (short) replicationFactor,
        settings.integer("KAFKA_MIN_INSYNC_REPLICAS", 1),
        settings.integer("NATS_REPLICAS", 1),
        settings.integer("NATS_PARTITIONS", BrokerCluster.DEFAULT_NATS_PARTITIONS));
  }

  /** The HTTP port + 100 (ordering 8050 -> 8150); a free one when the HTTP port is too (0). */
  static int managementPortBeside(int httpPort) {
    return httpPort == 0 ? 0 : httpPort + 100;
  }

  private static void refuseDevelopmentValues(Settings settings) {
    var inUse = settings.developmentValuesInUse();
    if (!inUse.isEmpty()) {
      throw new IllegalArgumentException(
          "MALLBOTS_ENV=prod, but "
              + String.join(", ", inUse)
              + " still "
              + (inUse.size() == 1 ? "has its" : "have their")
              + " public development value from app.env: "
              + "set real secrets in the environment");
    }
    if (!AuthSettings.requiredBy(settings)) {
      throw new IllegalArgumentException(
          "MALLBOTS_ENV=prod needs AUTH_REQUIRED=true: without access tokens "
              + "every caller acts for every shopper");
    }
    if (!settings.bool("GRPC_SERVER_TLS_ENABLED", false)
        && !settings.bool("ALLOW_PLAINTEXT_BEHIND_MESH", false)) {
      throw new IllegalArgumentException(
          "MALLBOTS_ENV=prod needs GRPC_SERVER_TLS_ENABLED=true, or "
              + "ALLOW_PLAINTEXT_BEHIND_MESH=true where a service mesh encrypts the traffic for the service");
    }
  }
}
