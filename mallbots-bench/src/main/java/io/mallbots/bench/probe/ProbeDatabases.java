package io.mallbots.bench.probe;

import io.mallbots.core.config.CoreSettings.OutboxSettings;
import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Migrations;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.messaging.Subscription;
import io.mallbots.core.messaging.SubscriptionOptions;
import io.mallbots.core.outbox.OutboxRelay;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * One scratch schema per service next to the system's own ({@code bench_probe_<run>_<service>}),
 * migrated with the service's real migrations (core outbox, inbox and saga tables, triggers
 * included), each with a {@link Database} of the same settings the service uses (pool size,
 * prepared-statement cache, pipelining) and the service's real {@link OutboxRelay}, publishing to
 * nowhere. Blocking setup and teardown: call {@link #open} and {@link #drop} off the event loop.
 */
public final class ProbeDatabases {

  private final Map<String, PostgresSettings> settings;
  private final Map<String, Database> databases = new LinkedHashMap<>();
  private final Map<String, OutboxRelay> relays = new LinkedHashMap<>();

  private ProbeDatabases(Map<String, PostgresSettings> settings) {
    this.settings = settings;
  }

  /**
   * Creates and migrates the schemas (blocking). {@code systemDatabase} gives host, database and
   * pool settings.
   */
  public static ProbeDatabases create(
      List<String> services, Function<String, PostgresSettings> systemDatabase) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Map<String, PostgresSettings> settings = new LinkedHashMap<>();
    for (String service : services) {
      PostgresSettings system = systemDatabase.apply(service);
      PostgresSettings probe =
          new PostgresSettings(
              system.host(),
              system.port(),
              system.database(),
              system.user(),
              system.password(),
              "bench_probe_" + run + "_" + service,
              system.poolSize());
      Migrations.migrateBlocking(probe, service);
      settings.put(service, probe);
    }
    return new ProbeDatabases(settings);
  }

  /** Opens the pools and starts the relays; call on the probing context. */
  public Future<Void> open(Vertx vertx, OutboxSettings outbox) {
    settings.forEach((service, probe) -> databases.put(service, Database.connect(vertx, probe)));
    return Future.all(
            databases.entrySet().stream()
                .map(
                    entry -> {
                      OutboxRelay relay =
                          new OutboxRelay(vertx, entry.getValue(), new Nowhere(), outbox);
                      relays.put(entry.getKey(), relay);
                      return relay.start();
                    })
                .toList())
        .mapEmpty();
  }

  public Database of(String service) {
    Database database = databases.get(service);
    if (database == null) {
      throw new IllegalArgumentException("no probe schema for " + service);
    }
    return database;
  }

  public List<Database> all() {
    return List.copyOf(databases.values());
  }

  /** The probe schema of {@code service}. */
  public PostgresSettings settings(String service) {
    return settings.get(service);
  }

  /** Stops the relays and closes the pools. */
  public Future<Void> close() {
    return Future.join(relays.values().stream().map(OutboxRelay::stop).toList())
        .eventually(() -> Future.join(databases.values().stream().map(Database::close).toList()))
        .mapEmpty();
  }

  /** Drops the schemas (blocking). */
  public void drop() {
    settings.values().forEach(Migrations::dropSchema);
  }

  /** The database probe measures PostgreSQL alone: its relay "publishes" by doing nothing. */
  private static final class Nowhere implements EventStream {

    @Override
    public Future<Void> publish(List<Message> messages) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Subscription> subscribe(
        String topic, String group, SubscriptionOptions options, MessageHandler handler) {
      return Future.failedFuture(
          new UnsupportedOperationException("the probe relay does not subscribe"));
    }

    @Override
    public Future<Void> ping() {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  /** A poll interval as the services use by default; the relay is woken by commits anyway. */
  public static OutboxSettings outboxDefaults() {
    return new OutboxSettings(256, Duration.ofSeconds(1));
  }
}
