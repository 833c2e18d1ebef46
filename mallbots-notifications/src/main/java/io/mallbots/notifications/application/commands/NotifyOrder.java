package io.mallbots.notifications.application.commands;

import io.mallbots.notifications.domain.OrderNotice;

/** Tell the order's user what happened to it (from an order event or an RPC). */
public record NotifyOrder(OrderNotice notice) {}
