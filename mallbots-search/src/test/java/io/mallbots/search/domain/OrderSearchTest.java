package io.mallbots.search.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderSearchTest {

  @Test
  void a_page_holds_twenty_orders_unless_asked_for_one_to_a_hundred() {
    assertThat(OrderSearch.pageSize(0)).isEqualTo(20);
    assertThat(OrderSearch.pageSize(1)).isEqualTo(1);
    assertThat(OrderSearch.pageSize(100)).isEqualTo(100);
    assertThat(OrderSearch.pageSize(101)).isEqualTo(100);
  }

  @Test
  void a_negative_page_size_is_a_mistake_not_the_default() {
    assertThatThrownBy(() -> OrderSearch.pageSize(-1))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> OrderSearch.of(OrderFilters.none(), "", -3))
        .isInstanceOf(Invalid.class);
  }

  @Test
  void the_first_page_has_no_cursor_and_the_next_pages_the_one_given() {
    OrderFilters filters = OrderFilters.none();
    PageCursor cursor = new PageCursor(Instant.parse("2024-05-01T10:00:00Z"), "order-1");

    assertThat(OrderSearch.of(filters, "", 5).after()).isEmpty();
    assertThat(OrderSearch.of(filters, cursor.encode(filters), 5).after()).contains(cursor);
  }

  @Test
  void a_page_that_read_one_order_more_than_it_holds_points_at_its_last_order() {
    List<OrderView> read = orders(4);

    OrderPage page = OrderPage.of(read, 3);

    assertThat(page.orders()).hasSize(3);
    assertThat(page.next()).contains(read.get(2).position());
  }

  @Test
  void a_page_with_nothing_more_behind_it_has_no_next() {
    assertThat(OrderPage.of(orders(3), 3).next()).isEmpty();
    assertThat(OrderPage.of(List.of(), 3).next()).isEmpty();
  }

  private static List<OrderView> orders(int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                new OrderView(
                    "order-" + i,
                    "user-1",
                    "",
                    List.of(),
                    Money.ZERO,
                    OrderStatus.PENDING,
                    Instant.parse("2024-05-01T10:00:00Z").minusSeconds(i)))
        .toList();
  }
}
