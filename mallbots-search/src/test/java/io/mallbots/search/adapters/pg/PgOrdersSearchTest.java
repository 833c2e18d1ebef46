package io.mallbots.search.adapters.pg;

import static io.mallbots.search.testing.SampleOrders.item;
import static io.mallbots.search.testing.SampleOrders.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.core.domain.Money;
import io.mallbots.search.domain.OrderFilters;
import io.mallbots.search.domain.OrderPage;
import io.mallbots.search.domain.OrderSearch;
import io.mallbots.search.domain.OrderStatus;
import io.mallbots.search.domain.OrderView;
import io.mallbots.search.domain.PageCursor;
import io.mallbots.search.testing.SearchDatabase;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SearchOrders on PostgreSQL: every filter, newest first, and keyset pages that hold while orders
 * arrive.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgOrdersSearchTest {

  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private SearchDatabase db;
  private PgOrders orders;

  @BeforeAll
  void start() {
    db = new SearchDatabase("search_queries");
    orders = db.orders();
  }

  @AfterAll
  void stop() {
    db.close();
  }

  @BeforeEach
  void someOrders() {
    db.empty();
    record(view("a", "kim", T0, "5.00", item("store-1", "product-1")));
    record(view("b", "kim", T0.plusSeconds(60), "10.00", item("store-2", "product-2")));
    record(
        view(
            "c",
            "lena",
            T0.plusSeconds(120),
            "15.00",
            item("store-1", "product-3"),
            item("store-3", "p-4")));
    record(view("d", "lena", T0.plusSeconds(180), "20.00", item("store-3", "product-2")));
    db.inTransaction(tx -> orders.advance(tx, "b", OrderStatus.APPROVED));
    db.inTransaction(tx -> orders.advance(tx, "d", OrderStatus.APPROVED));
    db.inTransaction(
        tx -> orders.advance(tx, "z", OrderStatus.APPROVED)); // a placeholder: never found
  }

  @Test
  void without_filters_every_recorded_order_is_found_newest_first() {
    assertThat(ids(OrderFilters.none())).containsExactly("d", "c", "b", "a");
  }

  @Test
  void orders_created_at_the_same_instant_come_by_id_descending() {
    record(view("e", "max", T0.plusSeconds(180), "1.00"));

    assertThat(ids(OrderFilters.none())).containsExactly("e", "d", "c", "b", "a");
  }

  @Test
  void by_user() {
    assertThat(ids(filters(f -> f.user = "kim"))).containsExactly("b", "a");
    assertThat(ids(filters(f -> f.user = "nobody"))).isEmpty();
  }

  @Test
  void created_at_or_after() {
    assertThat(ids(filters(f -> f.after = T0.plusSeconds(60)))).containsExactly("d", "c", "b");
  }

  @Test
  void created_strictly_before() {
    assertThat(ids(filters(f -> f.before = T0.plusSeconds(120)))).containsExactly("b", "a");
  }

  @Test
  void within_a_time_range() {
    assertThat(
            ids(
                filters(
                    f -> {
                      f.after = T0.plusSeconds(30);
                      f.before = T0.plusSeconds(180);
                    })))
        .containsExactly("c", "b");
  }

  @Test
  void with_an_item_from_any_of_the_stores() {
    assertThat(ids(filters(f -> f.stores = List.of("store-1")))).containsExactly("c", "a");
    assertThat(ids(filters(f -> f.stores = List.of("store-2", "store-3"))))
        .containsExactly("d", "c", "b");
  }

  @Test
  void with_any_of_the_products() {
    assertThat(ids(filters(f -> f.products = List.of("product-2")))).containsExactly("d", "b");
    assertThat(ids(filters(f -> f.products = List.of("product-1", "p-4"))))
        .containsExactly("c", "a");
  }

  @Test
  void with_a_total_of_at_least_and_at_most() {
    assertThat(ids(filters(f -> f.min = "10.00"))).containsExactly("d", "c", "b");
    assertThat(ids(filters(f -> f.max = "15.00"))).containsExactly("c", "b", "a");
    assertThat(
            ids(
                filters(
                    f -> {
                      f.min = "10.00";
                      f.max = "10.00";
                    })))
        .containsExactly("b");
  }

  @Test
  void in_a_status() {
    assertThat(ids(filters(f -> f.status = OrderStatus.APPROVED))).containsExactly("d", "b");
    assertThat(ids(filters(f -> f.status = OrderStatus.PENDING))).containsExactly("c", "a");
    assertThat(ids(filters(f -> f.status = OrderStatus.CANCELED))).isEmpty();
  }

  @Test
  void all_filters_must_match() {
    assertThat(
            ids(
                filters(
                    f -> {
                      f.user = "lena";
                      f.stores = List.of("store-3");
                      f.products = List.of("product-2", "p-4");
                      f.min = "16";
                      f.status = OrderStatus.APPROVED;
                      f.after = T0;
                      f.before = T0.plusSeconds(181);
                    })))
        .containsExactly("d");
  }

  @Test
  void found_orders_come_with_their_items() {
    OrderView c =
        page(new OrderSearch(filters(f -> f.user = "lena"), Optional.empty(), 10)).orders().get(1);

    assertThat(c.orderId()).isEqualTo("c");
    assertThat(c.items()).hasSize(2);
    assertThat(c.total()).isEqualTo(Money.of("15.00"));
  }

  @Test
  void pages_walk_all_orders_and_the_last_page_says_there_is_no_more() {
    OrderPage first = page(new OrderSearch(OrderFilters.none(), Optional.empty(), 3));
    OrderPage second = page(new OrderSearch(OrderFilters.none(), first.next(), 3));

    assertThat(first.orders()).extracting(OrderView::orderId).containsExactly("d", "c", "b");
    assertThat(second.orders()).extracting(OrderView::orderId).containsExactly("a");
    assertThat(second.next()).isEmpty();
  }

  @Test
  void newer_orders_arriving_between_pages_cause_neither_repeats_nor_gaps() {
    db.empty();
    for (int i = 0; i < 25; i++) {
      // Two orders per instant, so pages also break inside a tie.
      record(view(String.format("order-%02d", i), "kim", T0.plusSeconds(i / 2), "1.00"));
    }
    List<String> seen = new ArrayList<>();
    Optional<PageCursor> next = Optional.empty();
    int arrivals = 0;
    do {
      OrderPage page = page(new OrderSearch(OrderFilters.none(), next, 4));
      page.orders().forEach(order -> seen.add(order.orderId()));
      next = page.next();
      record(view("new-" + arrivals++, "kim", T0.plusSeconds(3600 + arrivals), "1.00"));
    } while (next.isPresent());

    List<String> expected = new ArrayList<>();
    for (int i = 24; i >= 0; i--) {
      expected.add(String.format("order-%02d", i));
    }
    // Within a tie the higher id comes first: order-23 before order-22 at the same instant, and so
    // on.
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @Test
  void a_selective_filter_is_answered_from_its_index() {
    // Enough orders of many users and stores that scanning them all costs more than the fitting
    // index.
    db.database()
        .pool()
        .query(
            "INSERT INTO orders (order_id, user_id, total, status, status_rank, created_at, "
                + "store_ids, product_ids) SELECT 'bulk-' || n, 'user-' || (n % 500), n % 100, 'PENDING', 1, "
                + "timestamptz '2024-01-01' + n * interval '1 minute', ARRAY['store-' || (n % 5000)], "
                + "ARRAY['product-' || (n % 10000)] FROM generate_series(1, 20000) AS n")
        .execute()
        .await();
    db.database().pool().query("ANALYZE orders").execute().await();

    assertThat(plan(OrderFilters.none())).contains("orders_newest");
    assertThat(plan(filters(f -> f.user = "kim"))).contains("orders_by_user");
    assertThat(plan(filters(f -> f.status = OrderStatus.APPROVED))).contains("orders_by_status");
    assertThat(plan(filters(f -> f.stores = List.of("store-1", "store-2"))))
        .contains("orders_by_store");
    assertThat(plan(filters(f -> f.products = List.of("product-9")))).contains("orders_by_product");
  }

  private String plan(OrderFilters filters) {
    OrderQuery query = OrderQuery.of(new OrderSearch(filters, Optional.empty(), 20));
    return db.database()
        .pool()
        .preparedQuery("EXPLAIN " + query.sql())
        .execute(query.params())
        .map(
            rows ->
                String.join(
                    "\n",
                    StreamSupport.stream(rows.spliterator(), false)
                        .map((Row row) -> row.getString(0))
                        .toList()))
        .await();
  }

  private List<String> ids(OrderFilters filters) {
    return page(new OrderSearch(filters, Optional.empty(), 100)).orders().stream()
        .map(OrderView::orderId)
        .toList();
  }

  private OrderPage page(OrderSearch search) {
    return orders.search(search).await();
  }

  private void record(OrderView order) {
    db.inTransaction(tx -> orders.record(tx, order));
  }

  /** Filters set field by field, the rest unset. */
  private static OrderFilters filters(java.util.function.Consumer<Filters> setting) {
    Filters f = new Filters();
    setting.accept(f);
    return new OrderFilters(
        Optional.ofNullable(f.user),
        Optional.ofNullable(f.after),
        Optional.ofNullable(f.before),
        set(f.stores),
        set(f.products),
        Optional.ofNullable(f.min).map(Money::of),
        Optional.ofNullable(f.max).map(Money::of),
        Optional.ofNullable(f.status));
  }

  private static SortedSet<String> set(List<String> ids) {
    return new TreeSet<>(ids);
  }

  private static final class Filters {
    String user;
    Instant after;
    Instant before;
    List<String> stores = List.of();
    List<String> products = List.of();
    String min;
    String max;
    OrderStatus status;
  }
}
