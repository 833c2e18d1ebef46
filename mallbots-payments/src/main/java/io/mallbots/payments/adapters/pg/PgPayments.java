package io.mallbots.payments.adapters.pg;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Money;
import io.mallbots.core.outbox.Outbox;
import io.mallbots.payments.application.Payments;
import io.mallbots.payments.domain.payment.Payment;
import io.mallbots.payments.domain.payment.PaymentEvent;
import io.mallbots.payments.domain.payment.PaymentId;
import io.mallbots.payments.domain.payment.PaymentStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/**
 * {@link Payments} on PostgreSQL (table {@code payments}); saving appends the raised events to the
 * outbox.
 */
public final class PgPayments implements Payments {

  private static final String COLUMNS = "id, user_id, amount, status, order_id, confirmed_amount";
  private static final String INSERT =
      "INSERT INTO payments (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6)";
  private static final String UPDATE =
      "UPDATE payments SET status = $2, order_id = $3, confirmed_amount = $4, "
          + "updated_at = now() WHERE id = $1";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM payments WHERE id = $1";

  private final Database database;

  public PgPayments(Database database) {
    this.database = database;
  }

  @Override
  public Future<Void> add(Tx tx, Changed<Payment, PaymentEvent> authorized) {
    Payment payment = authorized.aggregate();
    return tx.connection()
        .preparedQuery(INSERT)
        .execute(
            Tuple.of(
                payment.id().value(),
                payment.userId(),
                payment.amount().amount(),
                payment.status().name(),
                payment.orderId(),
                payment.confirmedAmount().amount()))
        .compose(inserted -> Outbox.append(tx, PaymentsMessages.ofPayment(authorized.events())));
  }

  @Override
  public Future<Void> save(Tx tx, Changed<Payment, PaymentEvent> change) {
    Payment payment = change.aggregate();
    return tx.connection()
        .preparedQuery(UPDATE)
        .execute(
            Tuple.of(
                payment.id().value(),
                payment.status().name(),
                payment.orderId(),
                payment.confirmedAmount().amount()))
        .compose(updated -> Outbox.append(tx, PaymentsMessages.ofPayment(change.events())));
  }

  @Override
  public Future<Payment> lock(Tx tx, PaymentId id) {
    return findLocked(tx, id).map(found -> found.orElseThrow(() -> Payments.notFound(id)));
  }

  @Override
  public Future<Optional<Payment>> findLocked(Tx tx, PaymentId id) {
    return select(tx.connection(), SELECT + " FOR UPDATE", id);
  }

  @Override
  public Future<Optional<Payment>> find(PaymentId id) {
    return select(database.reads(), SELECT, id);
  }

  private static Future<Optional<Payment>> select(SqlClient client, String sql, PaymentId id) {
    return client.preparedQuery(sql).execute(Tuple.of(id.value())).map(PgPayments::first);
  }

  private static Optional<Payment> first(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row row = rows.iterator().next();
    return Optional.of(
        Payment.restore(
            new PaymentId(row.getUUID("id")),
            row.getString("user_id"),
            new Money(row.getBigDecimal("amount")),
            PaymentStatus.valueOf(row.getString("status")),
            row.getString("order_id"),
            new Money(row.getBigDecimal("confirmed_amount"))));
  }
}
