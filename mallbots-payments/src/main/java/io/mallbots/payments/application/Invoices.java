package io.mallbots.payments.application;

import io.mallbots.core.db.Tx;
import io.mallbots.payments.domain.invoice.Invoice;
import io.mallbots.payments.domain.invoice.InvoiceId;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The invoices the service keeps, at most one per order. Saving an invoice also publishes the events it
 * raised, in the same {@link Tx}.
 */
public interface Invoices {

  /** Adds a new invoice; fails with a unique violation if its order has one already. */
  Future<Void> add(Tx tx, Invoice invoice);

  Future<Void> update(Tx tx, Invoice invoice);

  /** The invoice, locked until {@code tx} ends. */
  Future<Optional<Invoice>> lock(Tx tx, InvoiceId id);

  /** The order's invoice, locked until {@code tx} ends. */
  Future<Optional<Invoice>> lockForOrder(Tx tx, String orderId);

  Future<Optional<Invoice>> find(InvoiceId id);

  Future<Optional<Invoice>> findForOrder(String orderId);
}
