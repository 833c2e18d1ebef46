package io.mallbots.ordering.application.queries;

import io.mallbots.ordering.domain.OrderId;

public record GetOrder(OrderId orderId) {
}
