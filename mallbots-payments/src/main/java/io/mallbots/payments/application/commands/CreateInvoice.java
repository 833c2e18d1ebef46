package io.mallbots.payments.application.commands;

import io.mallbots.core.domain.Money;
import io.mallbots.payments.domain.payment.PaymentId;

/** Invoice {@code orderId} for {@code amount}, to be paid with {@code paymentId}. */
public record CreateInvoice(String orderId, PaymentId paymentId, Money amount) {}
