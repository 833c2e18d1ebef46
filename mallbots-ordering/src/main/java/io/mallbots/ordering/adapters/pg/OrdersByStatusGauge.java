package io.mallbots.ordering.adapters.pg;

import io.mallbots.core.db.Database;
import io.mallbots.ordering.domain.OrderStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders by status, as {@code mallbots.orders{status, schema}} on {@code /metrics}: one grouped
 * count over {@code orders_view} every {@value #REFRESH_MS} ms through the pipelined read client,
 * so the gauge never blocks and never costs a scrape a query. Timers set in a verticle's start end
 * with it.
 */
public final class OrdersByStatusGauge {

  static final long REFRESH_MS = 15_000;
  private static final Logger log = LoggerFactory.getLogger(OrdersByStatusGauge.class);
  private static final String COUNT =
      "SELECT status, count(*) AS orders FROM orders_view GROUP BY status";

  private final Database database;
  private final Map<OrderStatus, AtomicLong> counts = new EnumMap<>(OrderStatus.class);

  public OrdersByStatusGauge(Database database) {
    this.database = database;
    for (OrderStatus status : OrderStatus.values()) {
      AtomicLong count = new AtomicLong();
      counts.put(status, count);
      // Micrometer holds the state weakly: this object keeps the counters alive as long as the
      // service runs.
      Gauge.builder("mallbots.orders", count, AtomicLong::get)
          .description("Orders in the read table, by status")
          .tags("status", status.name(), "schema", database.schema())
          .register(Metrics.globalRegistry);
    }
  }

  /** Counts now and every {@value #REFRESH_MS} ms from the caller's context. */
  public OrdersByStatusGauge start(Vertx vertx) {
    refresh();
    vertx.setPeriodic(REFRESH_MS, id -> refresh());
    return this;
  }

  /** Counts once; completes when the counters hold the result. */
  public io.vertx.core.Future<Void> refresh() {
    return database
        .reads()
        .query(COUNT)
        .execute()
        .onSuccess(
            rows -> {
              Map<OrderStatus, Long> seen = new EnumMap<>(OrderStatus.class);
              for (Row row : rows) {
                seen.put(OrderStatus.valueOf(row.getString("status")), row.getLong("orders"));
              }
              counts.forEach((status, count) -> count.set(seen.getOrDefault(status, 0L)));
            })
        .onFailure(e -> log.warn("could not count orders by status: {}", e.toString()))
        .mapEmpty();
  }
}
