package io.mallbots.payments.application.commands;

import io.mallbots.payments.domain.payment.PaymentId;

/** An order was canceled: give back its payment if it was confirmed for that order. */
public record ReleaseCanceledOrderPayment(PaymentId paymentId, String orderId) {}
