package io.mallbots.payments.domain.invoice;

/** Where an invoice is: pending, then paid or canceled, both final. */
public enum InvoiceStatus {
  PENDING,
  PAID,
  CANCELED
}
