package io.mallbots.ordering.domain;

/**
 * What happens to an order, in the past tense: the order's history, from which its state is rebuilt
 * ({@link Order#apply}), and what others hear about. Keyed by the order id.
 */
public sealed interface OrderEvent
    permits OrderCreated,
        OrderApproved,
        OrderRejected,
        OrderCanceled,
        OrderReadied,
        OrderPaid,
        OrderCompleted {

  OrderId orderId();
}
