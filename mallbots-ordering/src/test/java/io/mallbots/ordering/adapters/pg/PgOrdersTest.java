package io.mallbots.ordering.adapters.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Money;
import io.mallbots.ordering.application.ConcurrentOrderChange;
import io.mallbots.ordering.domain.Item;
import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderCreated;
import io.mallbots.ordering.domain.OrderEvent;
import io.mallbots.ordering.domain.OrderId;
import io.mallbots.ordering.domain.OrderStatus;
import io.mallbots.ordering.domain.PaidInvoice;
import io.mallbots.ordering.testing.OrderingDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The event store on real PostgreSQL: streams, the version check, snapshots every two events,
 * baskets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgOrdersTest {

  private OrderingDatabase db;
  private final PgOrders orders = new PgOrders(2);

  @BeforeAll
  void migrate() {
    db = new OrderingDatabase("ordering_store");
  }

  @AfterAll
  void drop() {
    db.close();
  }

  @Test
  void an_order_with_no_history_is_not_there() {
    assertThat(load(OrderId.random())).isEmpty();
  }

  @Test
  void appended_events_load_back_as_the_order_they_make() {
    Order order = created();
    Order approved = change(order, Order::approve);

    assertThat(load(order.id())).contains(approved);
    assertThat(db.number("SELECT count(*) FROM events WHERE stream_id = '" + order.id() + "'"))
        .isEqualTo(2);
    assertThat(db.number("SELECT max(version) FROM events WHERE stream_id = '" + order.id() + "'"))
        .isEqualTo(2);
  }

  @Test
  void a_writer_that_loaded_an_older_version_gets_a_conflict_and_writes_nothing() {
    Order order = created();
    change(order, Order::cancel); // another writer got version 2 first

    assertThatThrownBy(() -> change(order, Order::approve))
        .isInstanceOf(ConcurrentOrderChange.class);

    assertThat(load(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(db.number("SELECT count(*) FROM events WHERE stream_id = '" + order.id() + "'"))
        .isEqualTo(2);
  }

  @Test
  void of_two_transactions_appending_the_same_version_at_once_one_commits_and_one_conflicts() {
    Order order = created();
    Promise<Void> firstAppended = Promise.promise();
    Promise<Void> release = Promise.promise();
    // The first holds its uncommitted version 2 until the second has tried to append its own.
    Future<Void> first =
        db.database()
            .inTransaction(
                tx ->
                    append(tx, order, Order::approve)
                        .onSuccess(firstAppended::complete)
                        .compose(v -> release.future()));
    firstAppended.future().await();
    Future<Void> second = db.database().inTransaction(tx -> append(tx, order, Order::cancel));
    release.complete();

    first.await();
    assertThatThrownBy(second::await).isInstanceOf(ConcurrentOrderChange.class);
    assertThat(load(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.APPROVED);
  }

  @Test
  void a_snapshot_is_taken_every_two_events_and_loading_starts_from_it() {
    Order order = created();
    Order approved = change(order, Order::approve);
    assertThat(db.number("SELECT version FROM snapshots WHERE stream_id = '" + order.id() + "'"))
        .isEqualTo(2);
    Order readied = change(approved, Order::ready);
    assertThat(db.number("SELECT version FROM snapshots WHERE stream_id = '" + order.id() + "'"))
        .isEqualTo(2);

    // Without the events the snapshot covers, the order still loads: from the snapshot and version
    // 3.
    db.execute("DELETE FROM events WHERE stream_id = '" + order.id() + "' AND version <= 2");
    assertThat(load(order.id())).contains(readied);

    String invoice = UUID.randomUUID().toString();
    Order completed =
        change(
            readied, o -> o.complete(new PaidInvoice(invoice, o.id(), o.paymentId(), o.total())));
    assertThat(db.number("SELECT version FROM snapshots WHERE stream_id = '" + order.id() + "'"))
        .isEqualTo(4);
    assertThat(load(order.id())).contains(completed);
  }

  @Test
  void a_basket_stays_with_its_first_order() {
    String basket = UUID.randomUUID().toString();
    OrderId first = OrderId.random();

    OrderId tied = db.inTransaction(tx -> orders.orderOfBasket(tx, basket, first));
    OrderId again = db.inTransaction(tx -> orders.orderOfBasket(tx, basket, OrderId.random()));

    assertThat(tied).isEqualTo(first);
    assertThat(again).isEqualTo(first);
  }

  private Order created() {
    OrderCreated event =
        Order.create(
            OrderId.random(),
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            List.of(
                new Item(
                    UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(),
                    "Widget",
                    "Widgets",
                    Money.of("2.50"),
                    2)),
            UUID.randomUUID().toString());
    Order order = Order.created(event);
    db.inTransaction(tx -> orders.append(tx, 0, List.of(event), order));
    return order;
  }

  private Order change(Order loaded, Function<Order, List<OrderEvent>> command) {
    db.inTransaction(tx -> append(tx, loaded, command));
    return after(loaded, command.apply(loaded));
  }

  private Future<Void> append(Tx tx, Order loaded, Function<Order, List<OrderEvent>> command) {
    List<OrderEvent> events = command.apply(loaded);
    return orders.append(tx, loaded.version(), events, after(loaded, events));
  }

  private static Order after(Order order, List<OrderEvent> events) {
    return order.applyAll(events);
  }

  private Optional<Order> load(OrderId id) {
    return db.inTransaction(tx -> orders.load(tx, id));
  }
}
