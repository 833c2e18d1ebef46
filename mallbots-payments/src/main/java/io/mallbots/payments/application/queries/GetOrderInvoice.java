package io.mallbots.payments.application.queries;

import io.mallbots.core.domain.Actor;

/** The invoice of an order (an order has at most one); only its payer or a service may look. */
public record GetOrderInvoice(String orderId, Actor actor) {}
