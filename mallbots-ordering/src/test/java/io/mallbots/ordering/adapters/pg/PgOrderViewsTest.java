package io.mallbots.ordering.adapters.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.core.domain.Money;
import io.mallbots.ordering.application.queries.OrderView;
import io.mallbots.ordering.domain.Item;
import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderApproved;
import io.mallbots.ordering.domain.OrderId;
import io.mallbots.ordering.testing.OrderingDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The read table on real PostgreSQL: what is projected reads back; a late, older projection loses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgOrderViewsTest {

  private OrderingDatabase db;
  private PgOrderViews views;

  @BeforeAll
  void migrate() {
    db = new OrderingDatabase("ordering_views");
    views = new PgOrderViews(db.database());
  }

  @AfterAll
  void drop() {
    db.close();
  }

  @Test
  void a_projected_order_reads_back_with_its_items_names_and_cents() {
    OrderView view = OrderView.of(order(null));

    db.inTransaction(tx -> views.project(tx, view));

    assertThat(views.find(view.id()).await()).contains(view);
  }

  @Test
  void an_older_version_never_overwrites_a_newer_one() {
    Order created = order(UUID.randomUUID().toString());
    Order approved = created.apply(new OrderApproved(created.id()));
    db.inTransaction(tx -> views.project(tx, OrderView.of(approved)));

    db.inTransaction(tx -> views.project(tx, OrderView.of(created)));

    assertThat(views.find(created.id()).await()).contains(OrderView.of(approved));
  }

  @Test
  void an_order_never_projected_is_not_found() {
    assertThat(views.find(OrderId.random()).await()).isEmpty();
  }

  private static Order order(String basket) {
    return Order.created(
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
                    Money.of("0.10"),
                    3),
                new Item(
                    UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(),
                    "Gizmo",
                    "Gizmos",
                    Money.of("19.99"),
                    1)),
            basket));
  }
}
