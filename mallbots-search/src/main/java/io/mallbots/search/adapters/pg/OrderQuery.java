package io.mallbots.search.adapters.pg;

import io.mallbots.search.domain.OrderFilters;
import io.mallbots.search.domain.OrderSearch;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The SELECT of one search page: only the conditions of the filters that are set, so the planner
 * can pick the index that fits (user, status, the GIN indexes on store and product ids, or the
 * plain newest-first one), then keyset on (created_at, order_id) after the cursor, newest first,
 * one order more than the page holds.
 */
record OrderQuery(String sql, Tuple params) {

  static final String COLUMNS = "order_id, user_id, user_name, total, status, created_at";

  static OrderQuery of(OrderSearch search) {
    OrderFilters filters = search.filters();
    List<String> where = new ArrayList<>(List.of("created_at IS NOT NULL"));
    Tuple params = Tuple.tuple();
    filters.userId().ifPresent(id -> where.add("user_id = " + bind(params, id)));
    filters.after().ifPresent(at -> where.add("created_at >= " + bind(params, timestamp(at))));
    filters.before().ifPresent(at -> where.add("created_at < " + bind(params, timestamp(at))));
    if (!filters.storeIds().isEmpty()) {
      where.add("store_ids && " + bind(params, filters.storeIds().toArray(String[]::new)));
    }
    if (!filters.productIds().isEmpty()) {
      where.add("product_ids && " + bind(params, filters.productIds().toArray(String[]::new)));
    }
    filters
        .minTotal()
        .ifPresent(min -> where.add("total >= " + bind(params, Numeric.create(min.amount()))));
    filters
        .maxTotal()
        .ifPresent(max -> where.add("total <= " + bind(params, Numeric.create(max.amount()))));
    filters.status().ifPresent(status -> where.add("status = " + bind(params, status.name())));
    search
        .after()
        .ifPresent(
            cursor ->
                where.add(
                    "(created_at, order_id) < ("
                        + bind(params, timestamp(cursor.createdAt()))
                        + ", "
                        + bind(params, cursor.orderId())
                        + ")"));
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM orders WHERE "
            + String.join(" AND ", where)
            + " ORDER BY created_at DESC, order_id DESC LIMIT "
            + bind(params, search.limit() + 1);
    return new OrderQuery(sql, params);
  }

  static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String bind(Tuple params, Object value) {
    params.addValue(value);
    return "$" + params.size();
  }
}
