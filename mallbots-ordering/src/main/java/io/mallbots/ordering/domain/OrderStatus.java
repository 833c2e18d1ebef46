package io.mallbots.ordering.domain;

/**
 * Where an order is in its life cycle: PENDING while the create-order saga runs, then APPROVED or
 * REJECTED; an APPROVED order becomes READY, then COMPLETED once its invoice is paid; only a
 * PENDING order is CANCELED.
 */
public enum OrderStatus {
  PENDING,
  APPROVED,
  REJECTED,
  READY,
  COMPLETED,
  CANCELED;

  /** For messages people read: "pending", "ready". */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
