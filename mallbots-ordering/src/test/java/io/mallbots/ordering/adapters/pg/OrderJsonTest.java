package io.mallbots.ordering.adapters.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.domain.Money;
import io.mallbots.ordering.domain.Item;
import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderApproved;
import io.mallbots.ordering.domain.OrderCanceled;
import io.mallbots.ordering.domain.OrderCompleted;
import io.mallbots.ordering.domain.OrderEvent;
import io.mallbots.ordering.domain.OrderId;
import io.mallbots.ordering.domain.OrderPaid;
import io.mallbots.ordering.domain.OrderReadied;
import io.mallbots.ordering.domain.OrderRejected;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Stored events and snapshots read back as they were written, cents and names included. */
class OrderJsonTest {

  private static final OrderId ID = OrderId.random();

  @Test
  void every_event_reads_back_as_written() {
    List<OrderEvent> events =
        List.of(
            Order.create(ID, "u", "p", List.of(item()), UUID.randomUUID().toString()),
            Order.create(ID, "u", "p", List.of(item()), null),
            new OrderApproved(ID),
            new OrderRejected(ID, "user is disabled", "USER_DISABLED"),
            new OrderCanceled(ID),
            new OrderReadied(ID),
            new OrderPaid(ID, UUID.randomUUID().toString()),
            new OrderCompleted(ID, UUID.randomUUID().toString()));

    for (OrderEvent event : events) {
      JsonObject stored = new JsonObject(OrderJson.encode(event).encode());
      assertThat(OrderJson.decode(ID, OrderJson.name(event), stored)).isEqualTo(event);
    }
  }

  @Test
  void a_snapshot_reads_back_as_the_order_it_was_taken_of() {
    Order order = Order.created(Order.create(ID, "u", "p", List.of(item(), item()), "b"));
    order =
        order
            .apply(new OrderApproved(ID))
            .apply(new OrderReadied(ID))
            .apply(new OrderCompleted(ID, "invoice-1"));

    JsonObject stored = new JsonObject(OrderJson.snapshot(order).encode());

    assertThat(OrderJson.fromSnapshot(ID, order.version(), stored)).isEqualTo(order);
  }

  @Test
  void an_event_this_version_does_not_know_is_an_error_not_a_guess() {
    assertThatThrownBy(() -> OrderJson.decode(ID, "OrderTeleported", new JsonObject()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("OrderTeleported");
  }

  private static Item item() {
    return new Item(
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        "Wid\"get",
        "Widgets & Co",
        Money.of("19.99"),
        3);
  }
}
