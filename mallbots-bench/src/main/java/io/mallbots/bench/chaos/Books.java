package io.mallbots.bench.chaos;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The books after the storm, read with SQL from every service's schema: each accepted checkout
 * ended in a terminal order, no payment was charged twice, search shows exactly ordering's orders,
 * every outbox row was published, no saga stopped midway, exactly the messages the run injected
 * were dead-lettered, and nothing is out of order: every read model and cache ends with its
 * publisher's final state (baskets' cached product prices equal stores' prices, search's order
 * statuses equal ordering's). Blocking (JDBC): from main, never from an event loop.
 */
final class Books {

  /**
   * Statuses an order may rest in; the shoppers only check out, so APPROVED or REJECTED in
   * practice.
   */
  private static final Set<String> TERMINAL =
      Set.of("APPROVED", "REJECTED", "READY", "COMPLETED", "CANCELED");

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final Map<String, String> schemas;

  /**
   * @param schemas service name to its schema
   */
  Books(String jdbcUrl, String user, String password, Map<String, String> schemas) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.schemas = schemas;
  }

  /** What the books say now; {@link Audit#balanced()} when every check holds. */
  record Audit(JsonObject counts, boolean balanced) {}

  Audit audit(Set<String> acceptedPaymentIds, Map<String, Long> injectedDeadLetters)
      throws SQLException {
    try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
        Statement sql = db.createStatement()) {
      JsonObject counts = new JsonObject();
      // ordering: one order per accepted checkout, each at rest.
      Map<String, String> statusById = new HashMap<>();
      Map<String, String> orderByPayment = new HashMap<>();
      Map<String, String> totalById = new HashMap<>();
      long duplicateOrders = 0;
      try (ResultSet rows =
          sql.executeQuery(
              "SELECT id, payment_id, status, total FROM " + table("ordering", "orders_view"))) {
        while (rows.next()) {
          String id = rows.getString(1);
          statusById.put(id, rows.getString(3));
          totalById.put(id, rows.getBigDecimal(4).stripTrailingZeros().toPlainString());
          if (orderByPayment.put(rows.getString(2), id) != null) {
            duplicateOrders++;
          }
        }
      }
      long lost = acceptedPaymentIds.stream().filter(p -> !orderByPayment.containsKey(p)).count();
      long notAtRest = statusById.values().stream().filter(s -> !TERMINAL.contains(s)).count();
      counts
          .put("acceptedCheckouts", acceptedPaymentIds.size())
          .put("orders", statusById.size())
          .put("ordersApproved", statusById.values().stream().filter("APPROVED"::equals).count())
          .put("ordersRejected", statusById.values().stream().filter("REJECTED"::equals).count())
          .put(
              "ordersWithoutAcknowledgedCheckout",
              orderByPayment.keySet().stream().filter(p -> !acceptedPaymentIds.contains(p)).count())
          .put("lost", lost)
          .put("stuckPending", notAtRest)
          .put("duplicateOrders", duplicateOrders);

      // payments: each order charged at most once, for its total; approved orders charged, rejected
      // ones not.
      Map<String, Integer> chargesByOrder = new HashMap<>();
      long wrongAmount = 0;
      try (ResultSet rows =
          sql.executeQuery(
              "SELECT order_id, confirmed_amount FROM "
                  + table("payments", "payments")
                  + " WHERE status = 'CONFIRMED'")) {
        while (rows.next()) {
          String orderId = rows.getString(1);
          chargesByOrder.merge(orderId, 1, Integer::sum);
          String total = totalById.get(orderId);
          if (total != null
              && !total.equals(rows.getBigDecimal(2).stripTrailingZeros().toPlainString())) {
            wrongAmount++;
          }
        }
      }
      long chargedTwice = chargesByOrder.values().stream().filter(n -> n > 1).count();
      long approvedUncharged =
          statusById.entrySet().stream()
              .filter(
                  o -> o.getValue().equals("APPROVED") && !chargesByOrder.containsKey(o.getKey()))
              .count();
      long rejectedCharged =
          statusById.entrySet().stream()
              .filter(
                  o -> o.getValue().equals("REJECTED") && chargesByOrder.containsKey(o.getKey()))
              .count();
      long invoicesTwice =
          single(
              sql,
              "SELECT count(*) FROM (SELECT order_id FROM "
                  + table("payments", "invoices")
                  + " GROUP BY order_id HAVING count(*) > 1) twice");
      counts
          .put(
              "paymentsConfirmed",
              chargesByOrder.values().stream().mapToInt(Integer::intValue).sum())
          .put("paymentsConfirmedTwice", chargedTwice)
          .put("paymentsWrongAmount", wrongAmount)
          .put("approvedWithoutPayment", approvedUncharged)
          .put("rejectedButCharged", rejectedCharged)
          .put("ordersInvoicedTwice", invoicesTwice);

      // search: the same orders as ordering, in the same status.
      Map<String, String> searched = new HashMap<>();
      long placeholders = 0;
      try (ResultSet rows =
          sql.executeQuery("SELECT order_id, status, user_id FROM " + table("search", "orders"))) {
        while (rows.next()) {
          if (rows.getString(3) == null) {
            placeholders++; // a status seen before its OrderCreated
          } else {
            searched.put(rows.getString(1), rows.getString(2));
          }
        }
      }
      Set<String> missing = new HashSet<>(statusById.keySet());
      missing.removeAll(searched.keySet());
      Set<String> extra = new HashSet<>(searched.keySet());
      extra.removeAll(statusById.keySet());
      long mismatched =
          searched.entrySet().stream()
              .filter(
                  o ->
                      statusById.containsKey(o.getKey())
                          && !statusById.get(o.getKey()).equals(o.getValue()))
              .count();
      counts
          .put("searchMissing", missing.size())
          .put("searchExtra", extra.size())
          .put("searchStatusMismatch", mismatched)
          .put("searchPlaceholders", placeholders);

      // out of order: baskets' product cache ends with stores' last price (a stale one means a
      // price change was applied before an older one, or an older one replayed over it).
      long stalePrices =
          single(
              sql,
              "SELECT count(*) FROM "
                  + table("baskets", "product_cache")
                  + " c JOIN "
                  + table("stores", "products")
                  + " p ON p.id = c.id WHERE c.price <> p.price");
      long outOfOrder = stalePrices + mismatched;
      counts.put("basketPriceStale", stalePrices).put("outOfOrder", outOfOrder);

      // every schema: outbox drained, sagas ended, dead letters only the injected ones.
      JsonObject outbox = new JsonObject();
      JsonObject sagas = new JsonObject();
      JsonObject deadLetters = new JsonObject();
      long unexpectedDeadLetters = 0;
      long injectedNotDead = 0;
      for (String service : new TreeMap<>(schemas).keySet()) {
        outbox.put(service, single(sql, "SELECT count(*) FROM " + table(service, "outbox")));
        sagas.put(
            service,
            single(
                sql,
                "SELECT count(*) FROM "
                    + table(service, "saga_instances")
                    + " WHERE outcome IS NULL"));
        long letters = single(sql, "SELECT count(*) FROM " + table(service, "dead_letters"));
        deadLetters.put(service, letters);
        unexpectedDeadLetters +=
            Math.max(0, letters - injectedDeadLetters.getOrDefault(service, 0L));
        injectedNotDead += Math.max(0, injectedDeadLetters.getOrDefault(service, 0L) - letters);
      }
      long unpublished = sum(outbox);
      long sagasMidway = sum(sagas);
      counts
          .put("outboxUnpublished", unpublished)
          .put("outboxBySchema", outbox)
          .put("sagasUnfinished", sagasMidway)
          .put("sagasUnfinishedBySchema", sagas)
          .put("deadLetters", sum(deadLetters))
          .put("deadLettersBySchema", deadLetters)
          .put(
              "deadLettersInjected",
              injectedDeadLetters.values().stream().mapToLong(Long::longValue).sum())
          .put("deadLettersUnexpected", unexpectedDeadLetters)
          .put("injectedNotDeadLettered", injectedNotDead)
          .put(
              "duplicatedEffects",
              duplicateOrders + chargedTwice + invoicesTwice + wrongAmount + rejectedCharged);

      boolean balanced =
          List.of(
                  lost,
                  notAtRest,
                  duplicateOrders,
                  chargedTwice,
                  wrongAmount,
                  approvedUncharged,
                  rejectedCharged,
                  invoicesTwice,
                  (long) missing.size(),
                  (long) extra.size(),
                  mismatched,
                  placeholders,
                  unpublished,
                  sagasMidway,
                  unexpectedDeadLetters,
                  injectedNotDead,
                  stalePrices)
              .stream()
              .allMatch(n -> n == 0);
      return new Audit(counts, balanced);
    }
  }

  /** Drops the run's schemas. */
  void dropSchemas() throws SQLException {
    try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
        Statement sql = db.createStatement()) {
      for (String schema : schemas.values()) {
        sql.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
      }
    }
  }

  private String table(String service, String table) {
    return "\"" + schemas.get(service) + "\"." + table;
  }

  private static long single(Statement sql, String query) throws SQLException {
    try (ResultSet rows = sql.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static long sum(JsonObject bySchema) {
    return bySchema.stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
  }
}
