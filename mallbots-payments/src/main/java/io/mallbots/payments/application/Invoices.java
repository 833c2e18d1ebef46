package io.mallbots.payments.application;

import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.NotFound;
import io.mallbots.payments.domain.invoice.Invoice;
import io.mallbots.payments.domain.invoice.InvoiceEvent;
import io.mallbots.payments.domain.invoice.InvoiceId;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The invoices the service keeps, at most one per order: the repository port. Adding or saving a
 * change also publishes the events it raised, in the same {@link Tx}. {@link #lock} of a missing
 * invoice fails with {@link #notFound}.
 */
public interface Invoices {

  /** Adds a new invoice; fails with a unique violation if its order has one already. */
  Future<Void> add(Tx tx, Changed<Invoice, InvoiceEvent> created);

  Future<Void> save(Tx tx, Changed<Invoice, InvoiceEvent> change);

  /** The invoice, locked until {@code tx} ends; NotFound if there is none. */
  Future<Invoice> lock(Tx tx, InvoiceId id);

  /** The order's invoice, locked until {@code tx} ends; empty if the order has none. */
  Future<Optional<Invoice>> findLockedForOrder(Tx tx, String orderId);

  Future<Optional<Invoice>> find(InvoiceId id);

  Future<Optional<Invoice>> findForOrder(String orderId);

  /** How a missing invoice is refused, by the repository and the use cases alike. */
  static NotFound notFound(InvoiceId id) {
    return new NotFound("INVOICE_NOT_FOUND", "no invoice " + id);
  }
}
