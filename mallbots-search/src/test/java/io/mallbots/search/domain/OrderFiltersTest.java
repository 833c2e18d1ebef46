package io.mallbots.search.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OrderFiltersTest {

  private static final Instant NOON = Instant.parse("2024-05-01T12:00:00Z");

  @Test
  void before_must_be_after_after() {
    assertThatThrownBy(() -> times(NOON, NOON))
        .isInstanceOf(Invalid.class)
        .hasMessage("filters.before must be after filters.after");
    assertThatThrownBy(() -> times(NOON, NOON.minusSeconds(1))).isInstanceOf(Invalid.class);
    assertThat(times(NOON, NOON.plusNanos(1000)).before()).contains(NOON.plusNanos(1000));
  }

  @Test
  void totals_must_not_be_negative() {
    assertThatThrownBy(() -> totals(Optional.of(Money.of("-0.01")), Optional.empty()))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("filters.min_total must not be negative");
    assertThatThrownBy(() -> totals(Optional.empty(), Optional.of(Money.of("-5"))))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("filters.max_total must not be negative");
  }

  @Test
  void the_lowest_total_must_not_exceed_the_highest() {
    assertThatThrownBy(() -> totals(Optional.of(Money.of("10")), Optional.of(Money.of("9.99"))))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("min_total must not be greater than");
    assertThat(totals(Optional.of(Money.of("10")), Optional.of(Money.of("10"))).minTotal())
        .isPresent();
  }

  @Test
  void a_total_of_zero_on_the_wire_is_no_bound() {
    assertThat(OrderFilters.bound(Money.ZERO)).isEmpty();
    assertThat(OrderFilters.bound(Money.of("0.01"))).contains(Money.of("0.01"));
  }

  @Test
  void id_lists_need_every_id_and_at_most_a_hundred() {
    assertThat(OrderFilters.ids(List.of("b", "a", "b"), "filters.store_ids"))
        .containsExactly("a", "b");
    assertThatThrownBy(() -> OrderFilters.ids(List.of("a", ""), "filters.store_ids"))
        .isInstanceOf(Invalid.class)
        .hasMessage("filters.store_ids[1] is required");
    assertThatThrownBy(() -> OrderFilters.ids(Collections.nCopies(101, "a"), "filters.product_ids"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("at most 100");
  }

  @Test
  void equal_filters_have_equal_canonical_forms_whatever_the_order_of_their_ids() {
    OrderFilters one = stores("a", "b");
    OrderFilters other = stores("b", "a");

    assertThat(one.canonical()).isEqualTo(other.canonical());
    assertThat(one.canonical()).isNotEqualTo(stores("a").canonical());
    assertThat(OrderFilters.none().canonical()).isNotEqualTo(one.canonical());
  }

  private static OrderFilters times(Instant after, Instant before) {
    return new OrderFilters(
        Optional.empty(),
        Optional.of(after),
        Optional.of(before),
        new TreeSet<>(),
        new TreeSet<>(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static OrderFilters totals(Optional<Money> min, Optional<Money> max) {
    return new OrderFilters(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        new TreeSet<>(),
        new TreeSet<>(),
        min,
        max,
        Optional.empty());
  }

  static OrderFilters stores(String... ids) {
    return new OrderFilters(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        new TreeSet<>(List.of(ids)),
        new TreeSet<>(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
