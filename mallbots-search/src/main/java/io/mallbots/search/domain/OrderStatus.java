package io.mallbots.search.domain;

/**
 * Where an order is in its life cycle, as ordering's events tell it. Each status has a rank on the
 * way PENDING -> APPROVED -> READY -> COMPLETED, with REJECTED and CANCELED as final as COMPLETED;
 * search only ever moves an order to a higher rank, so a late or redelivered event cannot take a
 * status back.
 */
public enum OrderStatus {
  PENDING(1),
  APPROVED(2),
  READY(3),
  REJECTED(4),
  COMPLETED(4),
  CANCELED(4);

  private final int rank;

  OrderStatus(int rank) {
    this.rank = rank;
  }

  /** How far along the life cycle: higher is later; the final statuses share the highest. */
  public int rank() {
    return rank;
  }

  /**
   * Whether an order in {@code current} may move to this status: only forward, never sideways
   * between finals.
   */
  public boolean advances(OrderStatus current) {
    return rank > current.rank;
  }

  /** The status an order in {@code current} has after hearing of {@code next}. */
  public static OrderStatus after(OrderStatus current, OrderStatus next) {
    return next.advances(current) ? next : current;
  }
}
