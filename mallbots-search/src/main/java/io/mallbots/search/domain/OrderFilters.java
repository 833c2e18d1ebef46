package io.mallbots.search.domain;

import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.Required;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the orders of a search must match; an empty filter matches everything.
 *
 * @param after created at or after
 * @param before created strictly before
 * @param storeIds at least one item from any of these stores
 * @param minTotal total at least this
 * @param maxTotal total at most this
 */
public record OrderFilters(
    Optional<String> userId,
    Optional<Instant> after,
    Optional<Instant> before,
    SortedSet<String> storeIds,
    SortedSet<String> productIds,
    Optional<Money> minTotal,
    Optional<Money> maxTotal,
    Optional<OrderStatus> status) {

  /** More ids than this in one list is not a search but a dump; refused. */
  public static final int MAX_IDS = 100;

  public OrderFilters {
    storeIds = new TreeSet<>(storeIds);
    productIds = new TreeSet<>(productIds);
    if (after.isPresent() && before.isPresent() && !before.get().isAfter(after.get())) {
      throw new Invalid("filters.before must be after filters.after");
    }
    minTotal.ifPresent(min -> notNegative(min, "filters.min_total"));
    maxTotal.ifPresent(max -> notNegative(max, "filters.max_total"));
    if (minTotal.isPresent()
        && maxTotal.isPresent()
        && minTotal.get().compareTo(maxTotal.get()) > 0) {
      throw new Invalid("filters.min_total must not be greater than filters.max_total");
    }
  }

  public static OrderFilters none() {
    return new OrderFilters(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        new TreeSet<>(),
        new TreeSet<>(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The ids of a list filter, each required, at most {@link #MAX_IDS}. */
  public static SortedSet<String> ids(List<String> ids, String field) {
    if (ids.size() > MAX_IDS) {
      throw new Invalid(field + " may hold at most " + MAX_IDS + " ids, got " + ids.size());
    }
    SortedSet<String> checked = new TreeSet<>();
    for (int i = 0; i < ids.size(); i++) {
      checked.add(Required.text(ids.get(i), field + "[" + i + "]"));
    }
    return checked;
  }

  /** A bound on the total: 0 on the wire means none. */
  public static Optional<Money> bound(Money amount) {
    return amount.amount().signum() == 0 ? Optional.empty() : Optional.of(amount);
  }

  /**
   * These filters in a canonical form: equal filters give equal bytes, so a cursor can name its
   * search.
   */
  String canonical() {
    return String.join(
        "\u0000",
        userId.orElse(""),
        after.map(Instant::toString).orElse(""),
        before.map(Instant::toString).orElse(""),
        String.join("\u0001", storeIds),
        String.join("\u0001", productIds),
        minTotal.map(Money::toString).orElse(""),
        maxTotal.map(Money::toString).orElse(""),
        status.map(Enum::name).orElse(""));
  }

  private static void notNegative(Money amount, String field) {
    if (amount.isNegative()) {
      throw new Invalid(field + " must not be negative, got " + amount);
    }
  }
}
