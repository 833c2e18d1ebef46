package io.mallbots.payments.application.commands;

import io.mallbots.core.domain.Money;
import io.mallbots.payments.domain.payment.PaymentId;

/**
 * An order is ready: invoice its total, unless it has an invoice already (OrderReadied may come
 * twice).
 */
public record InvoiceReadiedOrder(String orderId, PaymentId paymentId, Money total) {}
