package io.mallbots.payments.application.commands;

import io.mallbots.payments.domain.payment.PaymentId;

/**
 * An order was canceled: remember it, so that no payment is confirmed for it any more, and cancel
 * its invoice if it has one.
 *
 * @param paymentId the order's payment, {@code null} if the event named none
 */
public record CancelOrderCharges(String orderId, PaymentId paymentId) {}
