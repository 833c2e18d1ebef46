package io.mallbots.bench.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.db.Migrations;
import io.mallbots.core.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PastOrdersTest {

  private final Map<String, PostgresSettings> schemas = new HashMap<>();

  @BeforeAll
  void migrate() {
    for (String service : PastOrders.GROWING.keySet()) {
      PostgresSettings settings = TestDatabases.freshSchema("history_" + service);
      Migrations.migrateBlocking(settings, service);
      schemas.put(service, settings);
    }
  }

  @AfterAll
  void drop() {
    schemas.values().forEach(TestDatabases::drop);
  }

  @Test
  void finished_orders_are_copied_with_new_ids_that_still_join() throws Exception {
    String order = "3f1c2a9e-0000-4000-8000-000000000001";
    String payment = "3f1c2a9e-0000-4000-8000-0000000000aa";
    execute(
        "ordering",
        "INSERT INTO orders_view (id, user_id, payment_id, status, total, items, version) VALUES ('"
            + order
            + "', 'shopper-1', '"
            + payment
            + "', 'APPROVED', 10, '[]', 3)",
        "INSERT INTO saga_instances (saga_name, saga_id, data, step, outcome) VALUES"
            + " ('create-order', '"
            + order
            + "', ''::bytea, 3, 'COMPLETED'),"
            + " ('create-order', 'unfinished', ''::bytea, 1, NULL)",
        "INSERT INTO inbox (subscriber, message_id, name) VALUES ('ordering-sagas', 'm-1', 'n')");
    execute(
        "payments",
        "INSERT INTO payments (id, user_id, amount, status, order_id) VALUES ('"
            + payment
            + "', 'shopper-1', 10, 'CONFIRMED', '"
            + order
            + "')",
        "INSERT INTO invoices (id, order_id, payment_id, amount, status) VALUES"
            + " (gen_random_uuid(), '"
            + order
            + "', '"
            + payment
            + "', 10, 'PAID')");
    execute(
        "search",
        "INSERT INTO orders (order_id, user_id, status, status_rank, created_at) VALUES ('"
            + order
            + "', 'shopper-1', 'APPROVED', 2, now())",
        "INSERT INTO order_items (order_id, position, product_id, store_id, product_name,"
            + " store_name, price, quantity) VALUES ('"
            + order
            + "', 0, 'p', 's', 'P', 'S', 10, 1)");

    String basket = "3f1c2a9e-0000-4000-8000-0000000000bb";
    execute(
        "baskets",
        "INSERT INTO baskets (id, user_id, status, payment_id) VALUES ('"
            + basket
            + "', 'shopper-1', 'CHECKED_OUT', '"
            + payment
            + "')",
        "INSERT INTO basket_items (basket_id, position, product_id, store_id, store_name,"
            + " product_name, price, quantity) VALUES ('"
            + basket
            + "', 0, gen_random_uuid(), gen_random_uuid(), 'S', 'P', 10, 1), ('"
            + basket
            + "', 1, gen_random_uuid(), gen_random_uuid(), 'S', 'Q', 5, 2)");

    var out = new ByteArrayOutputStream();
    long orders =
        // One row per statement: every copy is its own INSERT, as a million past orders are in
        // many; none may copy an earlier copy.
        new PastOrders(schemas::get, new PrintStream(out, true, StandardCharsets.UTF_8), 1)
            .fillTo(5);

    assertThat(orders).isEqualTo(5);
    assertThat(count("ordering", "SELECT count(DISTINCT payment_id) FROM orders_view"))
        .isEqualTo(5);
    assertThat(count("ordering", "SELECT count(*) FROM orders_view WHERE user_id = 'shopper-1'"))
        .as("a past order is one more order of the same shopper")
        .isEqualTo(5);
    assertThat(count("ordering", "SELECT count(*) FROM saga_instances WHERE outcome IS NULL"))
        .as("a saga in flight is not copied: it would be timed out and sent again")
        .isEqualTo(1);
    assertThat(count("ordering", "SELECT count(*) FROM inbox")).isEqualTo(5);
    assertThat(
            count(
                "payments",
                "SELECT count(*) FROM invoices i JOIN payments p ON p.id = i.payment_id"
                    + " WHERE p.order_id = i.order_id"))
        .as("each copied invoice belongs to its copied payment of the same order")
        .isEqualTo(5);
    assertThat(
            count(
                "search",
                "SELECT count(*) FROM orders o JOIN order_items i USING (order_id)"
                    + " WHERE o.order_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-'"))
        .isEqualTo(5);
    assertThat(count("baskets", "SELECT count(*) FROM baskets")).isEqualTo(5);
    assertThat(
            count(
                "baskets",
                "SELECT count(*) FROM basket_items i JOIN baskets b ON b.id = i.basket_id"))
        .as("each copied item belongs to its copied basket")
        .isEqualTo(10);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("history: 5 orders")
        .contains("database: vacuumed and analysed");
  }

  private void execute(String service, String... statements) throws Exception {
    PostgresSettings settings = schemas.get(service);
    try (var connection =
            DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        var statement = connection.createStatement()) {
      statement.execute("SET search_path TO " + settings.schema());
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private long count(String service, String sql) throws Exception {
    PostgresSettings settings = schemas.get(service);
    try (var connection =
            DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        var statement = connection.createStatement()) {
      statement.execute("SET search_path TO " + settings.schema());
      try (var result = statement.executeQuery(sql)) {
        result.next();
        return result.getLong(1);
      }
    }
  }
}
