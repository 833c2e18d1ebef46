package io.mallbots.ordering.domain;

/**
 * The create-order saga failed and the order was rejected.
 *
 * @param reason why, for people (the failed step's reason)
 * @param code why, for programs (the failed step's code, e.g. USER_DISABLED); may be empty
 */
public record OrderRejected(OrderId orderId, String reason, String code) implements OrderEvent {}
