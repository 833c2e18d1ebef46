package io.mallbots.payments.adapters.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Migrations;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.NotFound;
import io.mallbots.core.testing.TestDatabases;
import io.mallbots.payments.domain.invoice.Invoice;
import io.mallbots.payments.domain.invoice.InvoiceEvent;
import io.mallbots.payments.domain.invoice.InvoiceId;
import io.mallbots.payments.domain.invoice.InvoiceStatus;
import io.mallbots.payments.domain.payment.PayingOrder;
import io.mallbots.payments.domain.payment.Payment;
import io.mallbots.payments.domain.payment.PaymentEvent;
import io.mallbots.payments.domain.payment.PaymentId;
import io.mallbots.payments.domain.payment.PaymentStatus;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PgPayments and PgInvoices on real PostgreSQL: rows round-trip, events land in the outbox with the
 * change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgRepositoriesTest {

  private final PostgresSettings settings = TestDatabases.freshSchema("payments_pg");
  private Vertx vertx;
  private Database database;
  private PgPayments payments;
  private PgInvoices invoices;

  @BeforeAll
  void migrate() {
    Migrations.migrateBlocking(settings, "payments");
    vertx = Vertx.vertx();
    database = Database.connect(vertx, settings);
    payments = new PgPayments(database);
    invoices = new PgInvoices(database);
  }

  @AfterAll
  void drop() {
    database.close().await();
    vertx.close().await();
    TestDatabases.drop(settings);
  }

  @BeforeEach
  void empty() {
    database.pool().query("TRUNCATE invoices, payments, outbox").execute().await();
  }

  @Test
  void a_payment_round_trips_with_exact_cents_and_its_events_go_to_the_outbox() {
    Payment payment = authorized("19.99");

    Payment found = payments.find(payment.id()).await().orElseThrow();
    assertThat(found.userId()).isEqualTo("user-1");
    assertThat(found.amount()).isEqualTo(Money.of("19.99"));
    assertThat(found.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(found.orderId()).isEmpty();
    assertThat(outbox())
        .containsExactly(
            "mallbots.payments.events.Payment payments.PaymentAuthorized " + payment.id());
  }

  @Test
  void a_confirmed_payment_is_stored_with_its_order_and_amount() {
    Payment payment = authorized("19.99");

    database
        .inTransaction(
            tx ->
                payments
                    .lock(tx, payment.id())
                    .compose(
                        locked ->
                            payments.save(
                                tx,
                                locked.confirm(
                                    Money.of("19.99"),
                                    new PayingOrder("order-1", "user-1", false)))))
        .await();

    Payment found = payments.find(payment.id()).await().orElseThrow();
    assertThat(found.status()).isEqualTo(PaymentStatus.CONFIRMED);
    assertThat(found.orderId()).isEqualTo("order-1");
    assertThat(found.confirmedAmount()).isEqualTo(Money.of("19.99"));
    assertThat(outbox())
        .last()
        .asString()
        .startsWith("mallbots.payments.events.Payment payments.PaymentConfirmed");
  }

  @Test
  void an_unknown_payment_is_absent_and_refused_when_locked() {
    assertThat(payments.find(PaymentId.generate()).await()).isEmpty();
    assertThat(database.inTransaction(tx -> payments.findLocked(tx, PaymentId.generate())).await())
        .isEmpty();
    assertThatThrownBy(
            () -> database.inTransaction(tx -> payments.lock(tx, PaymentId.generate())).await())
        .isInstanceOfSatisfying(
            NotFound.class, e -> assertThat(e.code()).isEqualTo("PAYMENT_NOT_FOUND"));
    assertThatThrownBy(
            () -> database.inTransaction(tx -> invoices.lock(tx, InvoiceId.generate())).await())
        .isInstanceOfSatisfying(
            NotFound.class, e -> assertThat(e.code()).isEqualTo("INVOICE_NOT_FOUND"));
  }

  @Test
  void an_invoice_round_trips_by_id_and_by_order() {
    Payment payment = authorized("50");
    Invoice invoice =
        added(Invoice.create(InvoiceId.generate(), "order-1", payment.id(), Money.of("42.10")));

    Invoice byId = invoices.find(invoice.id()).await().orElseThrow();
    assertThat(byId.orderId()).isEqualTo("order-1");
    assertThat(byId.paymentId()).isEqualTo(payment.id());
    assertThat(byId.amount()).isEqualTo(Money.of("42.10"));
    assertThat(byId.status()).isEqualTo(InvoiceStatus.PENDING);
    assertThat(invoices.findForOrder("order-1").await().orElseThrow().id()).isEqualTo(invoice.id());
    assertThat(invoices.findForOrder("order-2").await()).isEmpty();
    assertThat(outbox())
        .last()
        .isEqualTo("mallbots.payments.events.Invoice payments.InvoiceCreated " + invoice.id());
  }

  @Test
  void an_invoice_change_is_stored_with_its_event() {
    Payment payment = authorized("50");
    Invoice invoice =
        added(Invoice.create(InvoiceId.generate(), "order-1", payment.id(), Money.of("42")));

    database
        .inTransaction(
            tx ->
                invoices
                    .findLockedForOrder(tx, "order-1")
                    .compose(
                        locked -> {
                          Changed<Invoice, InvoiceEvent> adjusted =
                              locked.orElseThrow().adjust(Money.of("40"));
                          Changed<Invoice, InvoiceEvent> paid = adjusted.aggregate().pay();
                          return invoices.save(tx, adjusted).compose(v -> invoices.save(tx, paid));
                        }))
        .await();

    Invoice found = invoices.find(invoice.id()).await().orElseThrow();
    assertThat(found.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(found.amount()).isEqualTo(Money.of("40"));
    assertThat(outbox())
        .extracting(row -> row.split(" ")[1])
        .containsExactly(
            "payments.PaymentAuthorized",
            "payments.InvoiceCreated",
            "payments.InvoiceAdjusted",
            "payments.InvoicePaid");
  }

  @Test
  void an_order_has_at_most_one_invoice() {
    Payment payment = authorized("50");
    database
        .inTransaction(
            tx ->
                invoices.add(
                    tx,
                    Invoice.create(InvoiceId.generate(), "order-1", payment.id(), Money.of("1"))))
        .await();

    assertThatThrownBy(
            () ->
                database
                    .inTransaction(
                        tx ->
                            invoices.add(
                                tx,
                                Invoice.create(
                                    InvoiceId.generate(), "order-1", payment.id(), Money.of("2"))))
                    .await())
        .isInstanceOfSatisfying(
            PgException.class, e -> assertThat(e.getSqlState()).isEqualTo("23505"));
    assertThat(outbox()).as("the refused invoice's event rolled back with it").hasSize(2);
  }

  private Payment authorized(String amount) {
    Changed<Payment, PaymentEvent> authorized =
        Payment.authorize(PaymentId.generate(), "user-1", Money.of(amount));
    database.inTransaction(tx -> payments.add(tx, authorized)).await();
    return authorized.aggregate();
  }

  private Invoice added(Changed<Invoice, InvoiceEvent> created) {
    database.inTransaction(tx -> invoices.add(tx, created)).await();
    return created.aggregate();
  }

  /** "topic name key" of each outbox row, in commit order. */
  private List<String> outbox() {
    List<String> rows = new ArrayList<>();
    for (Row row :
        database
            .pool()
            .query("SELECT topic, name, aggregate_id FROM outbox ORDER BY seq")
            .execute()
            .await()) {
      rows.add(
          row.getString("topic")
              + " "
              + row.getString("name")
              + " "
              + row.getString("aggregate_id"));
    }
    return rows;
  }
}
