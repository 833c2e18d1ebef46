package io.mallbots.search.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The projection of a placed order into the read model. */
class OrderViewTest {

  private static final Instant CREATED = Instant.parse("2024-05-01T10:15:30.123456789Z");

  private final OrderPlaced placed =
      new OrderPlaced(
          "order-1",
          "user-1",
          List.of(
              new OrderItem("product-1", "store-1", "Widget", "Widgets Inc", Money.of("2.50"), 2),
              new OrderItem("product-2", "store-2", "", "", Money.of("1.00"), 1)),
          Money.of("6.00"),
          CREATED);

  @Test
  void a_placed_order_is_pending_with_its_items_total_and_time() {
    OrderView view = OrderView.placed(placed, KnownNames.none());

    assertThat(view.orderId()).isEqualTo("order-1");
    assertThat(view.userId()).isEqualTo("user-1");
    assertThat(view.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(view.total()).isEqualTo(Money.of("6.00"));
    assertThat(view.items())
        .extracting(OrderItem::productId)
        .containsExactly("product-1", "product-2");
  }

  @Test
  void without_known_names_the_order_keeps_the_names_of_its_event_and_no_user_name() {
    OrderView view = OrderView.placed(placed, KnownNames.none());

    assertThat(view.userName()).isEmpty();
    assertThat(view.items()).extracting(OrderItem::productName).containsExactly("Widget", "");
    assertThat(view.items()).extracting(OrderItem::storeName).containsExactly("Widgets Inc", "");
  }

  @Test
  void names_heard_from_users_and_stores_win_over_the_names_in_the_order_event() {
    KnownNames known =
        new KnownNames(
            Optional.of("kim"), Map.of("store-1", "Widgets & Co"), Map.of("product-2", "Gadget"));

    OrderView view = OrderView.placed(placed, known);

    assertThat(view.userName()).isEqualTo("kim");
    assertThat(view.items()).extracting(OrderItem::productName).containsExactly("Widget", "Gadget");
    assertThat(view.items()).extracting(OrderItem::storeName).containsExactly("Widgets & Co", "");
  }

  @Test
  void the_creation_time_is_kept_to_the_microsecond_as_it_is_stored() {
    assertThat(OrderView.placed(placed, KnownNames.none()).createdAt())
        .isEqualTo(Instant.parse("2024-05-01T10:15:30.123456Z"));
  }

  @Test
  void its_position_in_the_results_is_its_creation_time_and_id() {
    assertThat(OrderView.placed(placed, KnownNames.none()).position())
        .isEqualTo(new PageCursor(Instant.parse("2024-05-01T10:15:30.123456Z"), "order-1"));
  }

  @Test
  void a_placed_order_needs_an_id_and_a_user() {
    assertThatThrownBy(() -> new OrderPlaced("", "user-1", List.of(), Money.ZERO, CREATED))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("order id");
    assertThatThrownBy(() -> new OrderPlaced("order-1", " ", List.of(), Money.ZERO, CREATED))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("user_id");
  }

  @Test
  void an_item_needs_its_product_and_store_and_at_least_one_piece() {
    assertThatThrownBy(() -> new OrderItem("", "store-1", "", "", Money.ZERO, 1))
        .isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> new OrderItem("product-1", "", "", "", Money.ZERO, 1))
        .isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> new OrderItem("product-1", "store-1", "", "", Money.ZERO, 0))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("quantity");
  }
}
