package io.mallbots.payments.adapters.pg;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Money;
import io.mallbots.core.outbox.Outbox;
import io.mallbots.payments.application.Invoices;
import io.mallbots.payments.domain.invoice.Invoice;
import io.mallbots.payments.domain.invoice.InvoiceEvent;
import io.mallbots.payments.domain.invoice.InvoiceId;
import io.mallbots.payments.domain.invoice.InvoiceStatus;
import io.mallbots.payments.domain.payment.PaymentId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/**
 * {@link Invoices} on PostgreSQL (table {@code invoices}); saving appends the raised events to the
 * outbox.
 */
public final class PgInvoices implements Invoices {

  private static final String COLUMNS = "id, order_id, payment_id, amount, status";
  private static final String INSERT =
      "INSERT INTO invoices (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5)";
  private static final String UPDATE =
      "UPDATE invoices SET amount = $2, status = $3, updated_at = now() WHERE id = $1";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM invoices WHERE id = $1";
  private static final String BY_ORDER = "SELECT " + COLUMNS + " FROM invoices WHERE order_id = $1";
  private static final String LOCKED = " FOR UPDATE";

  private final Database database;

  public PgInvoices(Database database) {
    this.database = database;
  }

  @Override
  public Future<Void> add(Tx tx, Changed<Invoice, InvoiceEvent> created) {
    Invoice invoice = created.aggregate();
    return tx.connection()
        .preparedQuery(INSERT)
        .execute(
            Tuple.of(
                invoice.id().value(),
                invoice.orderId(),
                invoice.paymentId().value(),
                invoice.amount().amount(),
                invoice.status().name()))
        .compose(inserted -> Outbox.append(tx, PaymentsMessages.ofInvoice(created.events())));
  }

  @Override
  public Future<Void> save(Tx tx, Changed<Invoice, InvoiceEvent> change) {
    Invoice invoice = change.aggregate();
    return tx.connection()
        .preparedQuery(UPDATE)
        .execute(Tuple.of(invoice.id().value(), invoice.amount().amount(), invoice.status().name()))
        .compose(updated -> Outbox.append(tx, PaymentsMessages.ofInvoice(change.events())));
  }

  @Override
  public Future<Invoice> lock(Tx tx, InvoiceId id) {
    return select(tx.connection(), BY_ID + LOCKED, id.value())
        .map(found -> found.orElseThrow(() -> Invoices.notFound(id)));
  }

  @Override
  public Future<Optional<Invoice>> findLockedForOrder(Tx tx, String orderId) {
    return select(tx.connection(), BY_ORDER + LOCKED, orderId);
  }

  @Override
  public Future<Optional<Invoice>> find(InvoiceId id) {
    return select(database.reads(), BY_ID, id.value());
  }

  @Override
  public Future<Optional<Invoice>> findForOrder(String orderId) {
    return select(database.reads(), BY_ORDER, orderId);
  }

  private static Future<Optional<Invoice>> select(SqlClient client, String sql, Object key) {
    return client.preparedQuery(sql).execute(Tuple.of(key)).map(PgInvoices::first);
  }

  private static Optional<Invoice> first(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row row = rows.iterator().next();
    return Optional.of(
        Invoice.restore(
            new InvoiceId(row.getUUID("id")),
            row.getString("order_id"),
            new PaymentId(row.getUUID("payment_id")),
            new Money(row.getBigDecimal("amount")),
            InvoiceStatus.valueOf(row.getString("status"))));
  }
}
