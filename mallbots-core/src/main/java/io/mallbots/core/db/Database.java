package io.mallbots.core.db;

import io.mallbots.core.config.CoreSettings.OutboxSettings;
import io.mallbots.core.config.PostgresSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A service's PostgreSQL: a {@link Pool} for transactions and a pipelining {@link SqlClient} for
 * reads outside them, both with prepared-statement caching and {@code search_path} set to the
 * service's schema. Thread-safe; futures complete on the caller's context.
 */
public final class Database {

  private final PgConnectOptions connectOptions;
  private final Pool pool;
  private final SqlClient reads;
  private final String schema;
  private final int messageMaxBytes;
  private final List<Runnable> commitListeners = new ArrayList<>();

  private Database(
      PgConnectOptions connectOptions,
      Pool pool,
      SqlClient reads,
      String schema,
      int messageMaxBytes) {
    this.connectOptions = connectOptions;
    this.pool = pool;
    this.reads = reads;
    this.schema = schema;
    this.messageMaxBytes = messageMaxBytes;
  }

  /**
   * Creates the pools; connections open lazily. The outbox takes messages up to the default size.
   */
  public static Database connect(Vertx vertx, PostgresSettings settings) {
    return connect(vertx, settings, OutboxSettings.DEFAULT_MESSAGE_MAX_BYTES);
  }

  /** As above; the outbox of this database refuses messages larger than {@code messageMaxBytes}. */
  public static Database connect(Vertx vertx, PostgresSettings settings, int messageMaxBytes) {
    PgConnectOptions connect =
        new PgConnectOptions()
            .setHost(settings.host())
            .setPort(settings.port())
            .setDatabase(settings.database())
            .setUser(settings.user())
            .setPassword(settings.password())
            .setCachePreparedStatements(true)
            .setPreparedStatementCacheMaxSize(512)
            .setPipeliningLimit(256)
            .setReconnectAttempts(2)
            .setReconnectInterval(500)
            .setProperties(
                Map.of(
                    "search_path",
                    settings.schema(),
                    "application_name",
                    "mallbots-" + settings.schema()));
    PoolOptions poolOptions =
        new PoolOptions()
            .setMaxSize(settings.poolSize())
            .setMaxWaitQueueSize(2048)
            .setName("mallbots-" + settings.schema())
            .setShared(false);
    Pool pool = PgBuilder.pool().with(poolOptions).connectingTo(connect).using(vertx).build();
    SqlClient reads =
        PgBuilder.client()
            .with(
                new PoolOptions()
                    .setMaxSize(Math.max(1, settings.poolSize() / 2))
                    .setName("mallbots-" + settings.schema() + "-reads"))
            .connectingTo(connect)
            .using(vertx)
            .build();
    return new Database(connect, pool, reads, settings.schema(), messageMaxBytes);
  }

  /** The schema this service owns. */
  public String schema() {
    return schema;
  }

  /** How to open a dedicated connection. */
  public PgConnectOptions connectOptions() {
    return new PgConnectOptions(connectOptions);
  }

  /** For transactions and single writes. */
  public Pool pool() {
    return pool;
  }

  /** For reads outside transactions: pipelines queries on few connections. */
  public SqlClient reads() {
    return reads;
  }

  /**
   * Runs {@code work} in one transaction: it commits when the returned future succeeds and rolls
   * back when it fails. After a commit that wrote to the outbox, the commit listeners run (they
   * wake the relay, so events leave at once instead of at the next poll).
   */
  public <T> Future<T> inTransaction(Function<Tx, Future<T>> work) {
    Tx[] opened = new Tx[1];
    return pool.withTransaction(
            connection -> {
              Tx tx = new Tx(connection, messageMaxBytes);
              opened[0] = tx;
              return work.apply(tx).compose(result -> tx.runBeforeCommit().map(result));
            })
        .onSuccess(
            result -> {
              if (opened[0].wroteOutbox()) {
                commitListeners.forEach(Runnable::run);
              }
            });
  }

  /** Called after every commit that added outbox rows. Register at start, before traffic. */
  public void onOutboxCommit(Runnable listener) {
    commitListeners.add(listener);
  }

  /** Succeeds when the database answers. */
  public Future<Void> ping() {
    return reads.query("SELECT 1").execute().mapEmpty();
  }

  public Future<Void> close() {
    return Future.join(pool.close(), reads.close()).mapEmpty();
  }
}
