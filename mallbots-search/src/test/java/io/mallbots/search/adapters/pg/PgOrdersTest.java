package io.mallbots.search.adapters.pg;

import static io.mallbots.search.testing.SampleOrders.item;
import static io.mallbots.search.testing.SampleOrders.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.core.domain.Money;
import io.mallbots.search.domain.NameOwner;
import io.mallbots.search.domain.OrderItem;
import io.mallbots.search.domain.OrderStatus;
import io.mallbots.search.domain.OrderView;
import io.mallbots.search.testing.SearchDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Writing the read model: recording, placeholders, status guard, renames; and GetOrder's read. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgOrdersTest {

  private static final Instant CREATED = Instant.parse("2024-05-01T10:15:30.123456Z");

  private SearchDatabase db;
  private PgOrders orders;

  @BeforeAll
  void start() {
    db = new SearchDatabase("search_orders");
    orders = db.orders();
  }

  @AfterAll
  void stop() {
    db.close();
  }

  @BeforeEach
  void empty() {
    db.empty();
  }

  @Test
  void a_recorded_order_is_found_as_it_was_recorded() {
    OrderView order =
        new OrderView(
            "order-1",
            "user-1",
            "kim",
            List.of(
                new OrderItem("product-1", "store-1", "Widget", "Widgets", Money.of("2.50"), 2),
                new OrderItem("product-2", "store-1", "Gadget", "Widgets", Money.of("0.99"), 1)),
            Money.of("5.99"),
            OrderStatus.PENDING,
            CREATED);

    assertThat(record(order)).isTrue();

    assertThat(find("order-1")).contains(order);
  }

  @Test
  void an_order_recorded_twice_is_kept_as_first_recorded() {
    record(view("order-1", "user-1", CREATED, "1.00", item("store-1", "product-1")));

    assertThat(
            record(
                view(
                    "order-1",
                    "user-2",
                    CREATED.plusSeconds(5),
                    "9.00",
                    item("store-2", "product-2"))))
        .isFalse();

    assertThat(find("order-1").orElseThrow().userId()).isEqualTo("user-1");
    assertThat(db.number("SELECT count(*) FROM order_items")).isEqualTo(1);
  }

  @Test
  void an_order_never_recorded_is_not_found() {
    assertThat(find("order-1")).isEmpty();
  }

  @Test
  void a_status_heard_before_its_order_waits_in_a_placeholder_that_is_not_found() {
    advance("order-1", OrderStatus.APPROVED);

    assertThat(find("order-1")).isEmpty();
    assertThat(
            db.number(
                "SELECT count(*) FROM orders WHERE order_id = 'order-1' AND status = 'APPROVED'"))
        .isEqualTo(1);
  }

  @Test
  void the_order_completes_its_placeholder_and_keeps_the_status_heard_earlier() {
    advance("order-1", OrderStatus.READY);

    assertThat(record(view("order-1", "user-1", CREATED, "1.00", item("store-1", "product-1"))))
        .isTrue();

    OrderView found = find("order-1").orElseThrow();
    assertThat(found.status()).isEqualTo(OrderStatus.READY);
    assertThat(found.userId()).isEqualTo("user-1");
    assertThat(found.items()).hasSize(1);
  }

  @Test
  void a_status_moves_forward_and_never_back() {
    record(view("order-1", "user-1", CREATED, "1.00"));

    advance("order-1", OrderStatus.READY);
    advance("order-1", OrderStatus.APPROVED);
    assertThat(find("order-1").orElseThrow().status()).isEqualTo(OrderStatus.READY);

    advance("order-1", OrderStatus.COMPLETED);
    advance("order-1", OrderStatus.CANCELED);
    assertThat(find("order-1").orElseThrow().status()).isEqualTo(OrderStatus.COMPLETED);
  }

  @Test
  void a_user_s_new_name_reaches_all_their_orders_and_no_others() {
    record(view("order-1", "user-1", CREATED, "1.00"));
    record(view("order-2", "user-1", CREATED, "1.00"));
    record(view("order-3", "user-2", CREATED, "1.00"));

    db.inTransaction(tx -> orders.rename(tx, NameOwner.USER, "user-1", "kim"));

    assertThat(find("order-1").orElseThrow().userName()).isEqualTo("kim");
    assertThat(find("order-2").orElseThrow().userName()).isEqualTo("kim");
    assertThat(find("order-3").orElseThrow().userName()).isEmpty();
  }

  @Test
  void a_store_s_and_a_product_s_new_names_reach_their_items_in_every_order() {
    record(
        view(
            "order-1",
            "user-1",
            CREATED,
            "2.00",
            item("store-1", "product-1"),
            item("store-2", "product-2")));
    record(view("order-2", "user-2", CREATED, "1.00", item("store-1", "product-3")));

    db.inTransaction(
        tx ->
            orders
                .rename(tx, NameOwner.STORE, "store-1", "Widgets & Co")
                .compose(v -> orders.rename(tx, NameOwner.PRODUCT, "product-2", "Gadget")));

    assertThat(find("order-1").orElseThrow().items())
        .extracting(OrderItem::storeName, OrderItem::productName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Widgets & Co", "name of product-1"),
            org.assertj.core.groups.Tuple.tuple("name of store-2", "Gadget"));
    assertThat(find("order-2").orElseThrow().items())
        .extracting(OrderItem::storeName)
        .containsExactly("Widgets & Co");
  }

  private boolean record(OrderView order) {
    return db.inTransaction(tx -> orders.record(tx, order));
  }

  private void advance(String orderId, OrderStatus status) {
    db.inTransaction(tx -> orders.advance(tx, orderId, status));
  }

  private Optional<OrderView> find(String orderId) {
    return orders.find(orderId).await();
  }
}
