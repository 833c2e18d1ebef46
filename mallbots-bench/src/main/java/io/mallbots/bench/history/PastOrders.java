package io.mallbots.bench.history;

import io.mallbots.core.config.PostgresSettings;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A mall with a long past, for the data-growth run ({@code --history N}): the orders the mall holds
 * now, all finished, are copied over and over in every service's tables (inbox and read models
 * included) until about {@code N} orders are there, so the measured run meets tables and indexes of
 * that size. Copying real rows keeps every payload, status and join as the services wrote them.
 *
 * <p>A copy gets new ids: each id column is mapped, the same way in every table, to a UUID made of
 * the old id and the copy's number, so that a payment's copy and its invoice's copy still belong
 * together. Shoppers, stores and products stay the same: a past order is one more order of the same
 * shopper. Blocking (JDBC): call it from a plain thread while no order is in flight.
 */
public final class PastOrders {

  /** The tables that grow with orders, per service; a filter where only some rows may be copied. */
  static final Map<String, List<String>> GROWING =
      Map.of(
          "ordering",
          List.of(
              "events",
              "snapshots",
              "basket_orders",
              "orders_view",
              "saga_instances WHERE outcome IS NOT NULL",
              "inbox"),
          "search",
          List.of("orders", "order_items", "inbox"),
          "payments",
          List.of("payments", "invoices", "canceled_orders", "inbox", "saga_command_rejections"),
          "baskets",
          List.of("baskets", "basket_items", "inbox"),
          "notifications",
          List.of("notifications", "inbox"),
          "users",
          List.of("inbox", "saga_command_rejections"));

  /** Id columns that name who or what an order is for: kept, so history belongs to them too. */
  private static final Set<String> SHARED_IDS = Set.of("user_id", "store_id", "product_id");

  /** Rows a single INSERT copies at most, so progress shows and no statement runs for minutes. */
  private static final long ROWS_PER_STATEMENT = 200_000;

  private final Function<String, PostgresSettings> databases;
  private final PrintStream out;
  private final long rowsPerStatement;
  private final Map<String, Connection> connections = new HashMap<>();

  public PastOrders(Function<String, PostgresSettings> databases, PrintStream out) {
    this(databases, out, ROWS_PER_STATEMENT);
  }

  PastOrders(Function<String, PostgresSettings> databases, PrintStream out, long rowsPerStatement) {
    this.databases = databases;
    this.out = out;
    this.rowsPerStatement = rowsPerStatement;
  }

  /**
   * Copies the mall's finished orders until about {@code orders} are stored; returns how many there
   * are then (ordering's view). Fails when the mall holds no finished order to copy.
   */
  public long fillTo(long orders) throws SQLException {
    try {
      return fill(orders);
    } finally {
      closeAll();
    }
  }

  private void closeAll() throws SQLException {
    for (Connection connection : connections.values()) {
      connection.close();
    }
    connections.clear();
  }

  private long fill(long orders) throws SQLException {
    long now = count("ordering", "SELECT count(*) FROM orders_view");
    if (now == 0) {
      throw new IllegalStateException("--history needs some orders to copy; the warm-up made none");
    }
    int copies = (int) Math.max(0, (orders - now + now - 1) / now);
    long started = System.nanoTime();
    for (var service : GROWING.entrySet()) {
      // One snapshot per service: a row written while the copies run (a shopper's basket, an item)
      // is in none of its tables' copies, so a copied item always finds its copied basket.
      Connection connection = connection(service.getKey());
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      for (String table : service.getValue()) {
        copy(service.getKey(), table, copies);
      }
      connection.commit();
      connection.setAutoCommit(true);
    }
    settleNow();
    long after = count("ordering", "SELECT count(*) FROM orders_view");
    out.printf(
        "history: %,d orders (%d copies of %,d) in %d s%n",
        after, copies, now, (System.nanoTime() - started) / 1_000_000_000L);
    return after;
  }

  private void copy(String service, String tableAndFilter, int copies) throws SQLException {
    String table = tableAndFilter.split(" ")[0];
    long rows = count(service, "SELECT count(*) FROM " + tableAndFilter);
    if (rows == 0 || copies == 0) {
      return;
    }
    List<String[]> columns = columns(service, table);
    String names = String.join(", ", columns.stream().map(c -> c[0]).toList());
    String values = String.join(", ", columns.stream().map(PastOrders::copied).toList());
    // The originals, set apart: a later INSERT reading the table itself would copy the copies
    // already made, whose items then point at baskets (or invoices at payments) nobody copied.
    execute(service, "CREATE TEMP TABLE history_source AS SELECT * FROM " + tableAndFilter);
    int step = (int) Math.max(1, rowsPerStatement / rows);
    for (int first = 1; first <= copies; first += step) {
      int last = Math.min(copies, first + step - 1);
      execute(
          service,
          "INSERT INTO "
              + table
              + " ("
              + names
              + ") SELECT "
              + values
              + " FROM history_source CROSS JOIN generate_series("
              + first
              + ", "
              + last
              + ") AS k");
    }
    execute(service, "DROP TABLE history_source");
    out.printf("history: %s.%s %,d rows -> %,d%n", service, table, rows, rows * (copies + 1));
  }

  /**
   * Leaves the database as a mall that has lived with its past would have it, not as a bulk load
   * does: every grown table vacuumed and analysed (hint bits set, planner statistics fresh), and
   * the copies' dirty pages written out by a checkpoint, so the measured phase does not pay for
   * them. Also after a warm-up alone: on a server with autovacuum off the tables would otherwise
   * keep the statistics of their empty start, and the services' cached plans with them.
   */
  public void settle() throws SQLException {
    try {
      settleNow();
    } finally {
      closeAll();
    }
  }

  private void settleNow() throws SQLException {
    long started = System.nanoTime();
    for (var service : GROWING.entrySet()) {
      for (String table : service.getValue()) {
        execute(service.getKey(), "VACUUM (ANALYZE) " + table.split(" ")[0]);
      }
    }
    try {
      execute("ordering", "CHECKPOINT");
      out.printf(
          "database: vacuumed and analysed, then checkpointed, in %d s%n",
          (System.nanoTime() - started) / 1_000_000_000L);
    } catch (SQLException refused) {
      // CHECKPOINT needs pg_checkpoint (scripts/env-up.sh grants it on the local server).
      out.printf(
          "database: vacuumed and analysed; no CHECKPOINT (%s): the measured phase may meet the"
              + " checkpoint of what came before%n",
          refused.getMessage());
    }
  }

  /** The expression that gives column {@code c} of copy {@code k}. */
  private static String copied(String[] column) {
    String name = column[0];
    String type = column[1];
    boolean id = name.equals("id") || name.endsWith("_id");
    if (!id || SHARED_IDS.contains(name)) {
      return name;
    }
    if (type.equals("uuid")) {
      return "md5(" + name + "::text || ':' || k)::uuid";
    }
    if (type.equals("text")) {
      return "CASE WHEN "
          + name
          + " ~ '^[0-9a-f]{8}-[0-9a-f]{4}-' THEN md5("
          + name
          + " || ':' || k)::uuid::text ELSE "
          + name
          + " || '~' || k END";
    }
    return name;
  }

  private List<String[]> columns(String service, String table) throws SQLException {
    List<String[]> columns = new ArrayList<>();
    try (var query =
        connection(service)
            .prepareStatement(
                "SELECT column_name, data_type FROM information_schema.columns"
                    + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
      query.setString(1, databases.apply(service).schema());
      query.setString(2, table);
      try (var result = query.executeQuery()) {
        while (result.next()) {
          columns.add(new String[] {result.getString(1), result.getString(2)});
        }
      }
    }
    return columns;
  }

  private long count(String service, String sql) throws SQLException {
    try (Statement statement = connection(service).createStatement();
        var result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  private void execute(String service, String sql) throws SQLException {
    try (Statement statement = connection(service).createStatement()) {
      statement.execute(sql);
    }
  }

  /** The service's connection for this fill, opened on first use. */
  private Connection connection(String service) throws SQLException {
    Connection open = connections.get(service);
    if (open != null) {
      return open;
    }
    PostgresSettings settings = databases.apply(service);
    Connection connection =
        DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO " + settings.schema());
      // Losing the last copies in a crash costs nothing: it is test data.
      statement.execute("SET synchronous_commit = off");
    }
    connections.put(service, connection);
    return connection;
  }
}
