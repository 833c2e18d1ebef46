package io.mallbots.payments.application;

import io.mallbots.core.async.Futures;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.AlreadyExists;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.NotFound;
import io.mallbots.payments.application.commands.AdjustInvoice;
import io.mallbots.payments.application.commands.AuthorizePayment;
import io.mallbots.payments.application.commands.CancelInvoice;
import io.mallbots.payments.application.commands.CancelOrderCharges;
import io.mallbots.payments.application.commands.ConfirmPayment;
import io.mallbots.payments.application.commands.CreateInvoice;
import io.mallbots.payments.application.commands.InvoiceReadiedOrder;
import io.mallbots.payments.application.commands.PayInvoice;
import io.mallbots.payments.application.commands.ReleaseCanceledOrderPayment;
import io.mallbots.payments.application.commands.ReleasePayment;
import io.mallbots.payments.application.queries.GetInvoice;
import io.mallbots.payments.application.queries.GetOrderInvoice;
import io.mallbots.payments.application.queries.GetPayment;
import io.mallbots.payments.domain.invoice.Invoice;
import io.mallbots.payments.domain.invoice.InvoiceEvent;
import io.mallbots.payments.domain.invoice.InvoiceId;
import io.mallbots.payments.domain.invoice.InvoiceStatus;
import io.mallbots.payments.domain.payment.PayingOrder;
import io.mallbots.payments.domain.payment.Payment;
import io.mallbots.payments.domain.payment.PaymentId;
import io.mallbots.payments.domain.payment.PaymentStatus;
import io.vertx.core.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payments service's use cases. Each command runs in one transaction: load (locked), apply the
 * domain rule, save with its events. The {@code Tx}-taking variants run inside a transaction a
 * message handler opened (with the inbox record). Called on the service verticle's event loop.
 */
public final class PaymentsApplication {

  private static final Logger log = LoggerFactory.getLogger(PaymentsApplication.class);

  private final Database database;
  private final Payments payments;
  private final Invoices invoices;
  private final CanceledOrders canceledOrders;

  public PaymentsApplication(
      Database database, Payments payments, Invoices invoices, CanceledOrders canceledOrders) {
    this.database = database;
    this.payments = payments;
    this.invoices = invoices;
    this.canceledOrders = canceledOrders;
  }

  public Future<PaymentId> authorizePayment(AuthorizePayment command) {
    return Futures.attempt(
            () -> {
              command
                  .actor()
                  .ensureMayActFor(command.userId(), "a payment for " + command.userId());
              return Payment.authorize(PaymentId.generate(), command.userId(), command.amount());
            })
        .compose(
            authorized ->
                database
                    .inTransaction(tx -> payments.add(tx, authorized))
                    .map(authorized.aggregate().id()));
  }

  public Future<Void> confirmPayment(ConfirmPayment command) {
    return database.inTransaction(tx -> confirmPayment(tx, command));
  }

  /**
   * Also the saga's ConfirmPayment step: a missing payment is PAYMENT_NOT_FOUND. The payment is
   * locked before the canceled orders are read, as {@link #cancelOrderCharges} locks it before
   * recording one: a confirmation and a cancellation of the same payment's order take turns, so a
   * confirmation never misses a committed cancellation.
   */
  public Future<Void> confirmPayment(Tx tx, ConfirmPayment command) {
    return payments
        .lock(tx, command.paymentId())
        .compose(
            payment -> {
              if (!command.forAnOrder()) {
                return payments.save(tx, payment.confirm(command.amount()));
              }
              return canceledOrders
                  .contains(tx, command.orderId())
                  .compose(
                      canceled ->
                          payments.save(
                              tx,
                              payment.confirm(
                                  command.amount(),
                                  new PayingOrder(command.orderId(), command.userId(), canceled))));
            });
  }

  /**
   * The saga's compensation of ConfirmPayment: gives back a payment confirmed for the order;
   * nothing to give back is success. A missing payment is PAYMENT_NOT_FOUND, one confirmed for
   * another order is refused.
   */
  public Future<Void> releasePayment(Tx tx, ReleasePayment command) {
    return payments
        .lock(tx, command.paymentId())
        .compose(payment -> payments.save(tx, payment.release(command.orderId())));
  }

  /**
   * Gives back the payment of a canceled order. A canceled order's payment can have been confirmed
   * by its saga meanwhile (CancelOrder takes pending orders); the saga compensates only when a
   * later step fails, which cancellation does not cause when approval came first. A payment unknown
   * here or charged for another order is not this order's: nothing to do, and retrying cannot help.
   */
  public Future<Void> releaseCanceledOrderPayment(Tx tx, ReleaseCanceledOrderPayment command) {
    return payments
        .findLocked(tx, command.paymentId())
        .compose(
            found -> {
              if (found.isEmpty() || found.get().status() == PaymentStatus.AUTHORIZED) {
                return Future.succeededFuture(); // nothing was charged
              }
              if (!found.get().orderId().equals(command.orderId())) {
                log.warn(
                    "order {} was canceled; its payment {} is {} for order '{}', left as it is",
                    command.orderId(),
                    found.get().id(),
                    found.get().status(),
                    found.get().orderId());
                return Future.succeededFuture();
              }
              return payments.save(tx, found.get().release(command.orderId()));
            });
  }

  public Future<InvoiceId> createInvoice(CreateInvoice command) {
    return database.inTransaction(
        tx ->
            invoices
                .findLockedForOrder(tx, command.orderId())
                .compose(
                    existing -> {
                      if (existing.isPresent()) {
                        throw new AlreadyExists(
                            "INVOICE_ALREADY_EXISTS",
                            "order "
                                + command.orderId()
                                + " already has invoice "
                                + existing.get().id());
                      }
                      return addInvoice(tx, command);
                    }));
  }

  /** Creates the order's invoice unless it has one: a repeated OrderReadied changes nothing. */
  public Future<Void> invoiceReadiedOrder(Tx tx, InvoiceReadiedOrder command) {
    return invoices
        .findLockedForOrder(tx, command.orderId())
        .compose(
            existing ->
                existing.isPresent()
                    ? Future.succeededFuture()
                    : addInvoice(
                            tx,
                            new CreateInvoice(
                                command.orderId(), command.paymentId(), command.total()))
                        .mapEmpty());
  }

  private Future<InvoiceId> addInvoice(Tx tx, CreateInvoice command) {
    return payments
        .lock(tx, command.paymentId())
        .map(
            payment ->
                Invoice.create(
                    InvoiceId.generate(), command.orderId(), payment.id(), command.amount()))
        .compose(created -> invoices.add(tx, created).map(created.aggregate().id()));
  }

  public Future<Void> adjustInvoice(AdjustInvoice command) {
    return changeInvoice(
        command.invoiceId(), Actor.SERVICE, invoice -> invoice.adjust(command.amount()));
  }

  public Future<Void> payInvoice(PayInvoice command) {
    return changeInvoice(command.invoiceId(), command.actor(), Invoice::pay);
  }

  public Future<Void> cancelInvoice(CancelInvoice command) {
    return changeInvoice(command.invoiceId(), Actor.SERVICE, Invoice::cancel);
  }

  /**
   * Records the order as canceled, so that the saga's ConfirmPayment for it is refused, and cancels
   * the order's invoice if it has one. A paid invoice stays paid: ordering cancels only pending
   * orders, so this would be a stale event, and retrying it cannot help.
   */
  public Future<Void> cancelOrderCharges(Tx tx, CancelOrderCharges command) {
    Future<?> paymentLocked =
        command.paymentId() == null
            ? Future.succeededFuture()
            : payments.findLocked(tx, command.paymentId());
    return paymentLocked
        .compose(v -> canceledOrders.add(tx, command.orderId()))
        .compose(v -> invoices.findLockedForOrder(tx, command.orderId()))
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture();
              }
              Invoice invoice = found.get();
              if (invoice.status() == InvoiceStatus.PAID) {
                log.warn(
                    "order {} was canceled but its invoice {} is paid; left as it is",
                    command.orderId(),
                    invoice.id());
                return Future.succeededFuture();
              }
              return invoices.save(tx, invoice.cancel());
            });
  }

  public Future<Payment> getPayment(GetPayment query) {
    return payments
        .find(query.paymentId())
        .map(
            found -> {
              Payment payment = found.orElseThrow(() -> Payments.notFound(query.paymentId()));
              query.actor().ensureMayActFor(payment.userId(), "payment " + payment.id());
              return payment;
            });
  }

  public Future<Invoice> getInvoice(GetInvoice query) {
    return invoices
        .find(query.invoiceId())
        .map(found -> found.orElseThrow(() -> Invoices.notFound(query.invoiceId())))
        .compose(invoice -> ensurePayer(query.actor(), invoice));
  }

  public Future<Invoice> getOrderInvoice(GetOrderInvoice query) {
    return invoices
        .findForOrder(query.orderId())
        .map(
            found ->
                found.orElseThrow(
                    () ->
                        new NotFound(
                            "INVOICE_NOT_FOUND", "order " + query.orderId() + " has no invoice")))
        .compose(invoice -> ensurePayer(query.actor(), invoice));
  }

  private Future<Void> changeInvoice(
      InvoiceId id, Actor actor, Function<Invoice, Changed<Invoice, InvoiceEvent>> change) {
    return database.inTransaction(
        tx ->
            invoices
                .lock(tx, id)
                .compose(invoice -> ensurePayer(actor, invoice))
                .compose(invoice -> invoices.save(tx, change.apply(invoice))));
  }

  /**
   * An invoice is its payer's: the user whose payment it is charged to. Checked before its state.
   */
  private Future<Invoice> ensurePayer(Actor actor, Invoice invoice) {
    if (actor.actsForAll()) {
      return Future.succeededFuture(invoice);
    }
    return payments
        .find(invoice.paymentId())
        .map(
            payment -> {
              actor.ensureMayActFor(
                  payment.map(Payment::userId).orElse(null), "invoice " + invoice.id());
              return invoice;
            });
  }
}
