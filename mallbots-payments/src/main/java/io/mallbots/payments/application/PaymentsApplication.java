package io.mallbots.payments.application;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.AlreadyExists;
import io.mallbots.core.domain.NotFound;
import io.mallbots.payments.application.commands.AdjustInvoice;
import io.mallbots.payments.application.commands.AuthorizePayment;
import io.mallbots.payments.application.commands.CancelInvoice;
import io.mallbots.payments.application.commands.CancelOrderInvoice;
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
import io.mallbots.payments.domain.invoice.InvoiceId;
import io.mallbots.payments.domain.invoice.InvoiceStatus;
import io.mallbots.payments.domain.payment.Payment;
import io.mallbots.payments.domain.payment.PaymentId;
import io.mallbots.payments.domain.payment.PaymentStatus;
import io.vertx.core.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payments service's use cases. Each command runs in one transaction: load (locked), apply the domain
 * rule, save with its events. The {@code Tx}-taking variants run inside a transaction a message handler
 * opened (with the inbox record). Called on the service verticle's event loop.
 */
public final class PaymentsApplication {

  private static final Logger log = LoggerFactory.getLogger(PaymentsApplication.class);

  private final Database database;
  private final Payments payments;
  private final Invoices invoices;

  public PaymentsApplication(Database database, Payments payments, Invoices invoices) {
    this.database = database;
    this.payments = payments;
    this.invoices = invoices;
  }

  public Future<PaymentId> authorizePayment(AuthorizePayment command) {
    return Future.<Void>succeededFuture()
        .map(v -> {
          command.actor().ensureMayActFor(command.userId(), "a payment for " + command.userId());
          return Payment.authorize(PaymentId.generate(), command.userId(), command.amount());
        })
        .compose(payment -> database.inTransaction(tx -> payments.add(tx, payment)).map(payment.id()));
  }

  public Future<Void> confirmPayment(ConfirmPayment command) {
    return database.inTransaction(tx -> confirmPayment(tx, command));
  }

  /** Also the saga's ConfirmPayment step: a missing payment is PAYMENT_NOT_FOUND. */
  public Future<Void> confirmPayment(Tx tx, ConfirmPayment command) {
    return payments.lock(tx, command.paymentId())
        .map(found -> found.orElseThrow(() -> paymentNotFound(command.paymentId())))
        .compose(payment -> {
          payment.confirm(command.amount(), command.orderId());
          return payments.update(tx, payment);
        });
  }

  /**
   * The saga's compensation of ConfirmPayment: gives back a payment confirmed for the order; nothing to give
   * back is success. A missing payment is PAYMENT_NOT_FOUND, one confirmed for another order is refused.
   */
  public Future<Void> releasePayment(Tx tx, ReleasePayment command) {
    return payments.lock(tx, command.paymentId())
        .map(found -> found.orElseThrow(() -> paymentNotFound(command.paymentId())))
        .compose(payment -> {
          payment.release(command.orderId());
          return payments.update(tx, payment);
        });
  }

  /**
   * Gives back the payment of a canceled order. A canceled order's payment can have been confirmed by its saga
   * meanwhile (CancelOrder takes pending orders); the saga compensates only when a later step fails, which
   * cancellation does not cause when approval came first. A payment unknown here or charged for another order is
   * not this order's: nothing to do, and retrying cannot help.
   */
  public Future<Void> releaseCanceledOrderPayment(Tx tx, ReleaseCanceledOrderPayment command) {
    return payments.lock(tx, command.paymentId()).compose(found -> {
      if (found.isEmpty() || found.get().status() == PaymentStatus.AUTHORIZED) {
        return Future.succeededFuture(); // nothing was charged
      }
      if (!found.get().orderId().equals(command.orderId())) {
        log.warn("order {} was canceled; its payment {} is {} for order '{}', left as it is", command.orderId(),
            found.get().id(), found.get().status(), found.get().orderId());
        return Future.succeededFuture();
      }
      Payment payment = found.get();
      payment.release(command.orderId());
      return payments.update(tx, payment);
    });
  }

  public Future<InvoiceId> createInvoice(CreateInvoice command) {
    return database.inTransaction(tx -> invoices.lockForOrder(tx, command.orderId()).compose(existing -> {
      if (existing.isPresent()) {
        throw new AlreadyExists("INVOICE_ALREADY_EXISTS", "order " + command.orderId() + " already has invoice "
            + existing.get().id());
      }
      return addInvoice(tx, command);
    }));
  }

  /** Creates the order's invoice unless it has one: a repeated OrderReadied changes nothing. */
  public Future<Void> invoiceReadiedOrder(Tx tx, InvoiceReadiedOrder command) {
    return invoices.lockForOrder(tx, command.orderId()).compose(existing -> existing.isPresent()
        ? Future.succeededFuture()
        : addInvoice(tx, new CreateInvoice(command.orderId(), command.paymentId(), command.total())).mapEmpty());
  }

  private Future<InvoiceId> addInvoice(Tx tx, CreateInvoice command) {
    return payments.lock(tx, command.paymentId())
        .map(found -> found.orElseThrow(() -> paymentNotFound(command.paymentId())))
        .map(payment -> Invoice.create(InvoiceId.generate(), command.orderId(), payment.id(), command.amount()))
        .compose(invoice -> invoices.add(tx, invoice).map(invoice.id()));
  }

  public Future<Void> adjustInvoice(AdjustInvoice command) {
    return changeInvoice(command.invoiceId(), invoice -> invoice.adjust(command.amount()));
  }

  public Future<Void> payInvoice(PayInvoice command) {
    return changeInvoice(command.invoiceId(), Invoice::pay);
  }

  public Future<Void> cancelInvoice(CancelInvoice command) {
    return changeInvoice(command.invoiceId(), Invoice::cancel);
  }

  /**
   * Cancels the order's invoice if it has one. A paid invoice stays paid: ordering cancels only pending
   * orders, so this would be a stale event, and retrying it cannot help.
   */
  public Future<Void> cancelOrderInvoice(Tx tx, CancelOrderInvoice command) {
    return invoices.lockForOrder(tx, command.orderId()).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture();
      }
      Invoice invoice = found.get();
      if (invoice.status() == InvoiceStatus.PAID) {
        log.warn("order {} was canceled but its invoice {} is paid; left as it is", command.orderId(), invoice.id());
        return Future.succeededFuture();
      }
      invoice.cancel();
      return invoices.update(tx, invoice);
    });
  }

  public Future<Payment> getPayment(GetPayment query) {
    return payments.find(query.paymentId()).map(found -> {
      Payment payment = found.orElseThrow(() -> paymentNotFound(query.paymentId()));
      query.actor().ensureMayActFor(payment.userId(), "payment " + payment.id());
      return payment;
    });
  }

  public Future<Invoice> getInvoice(GetInvoice query) {
    return invoices.find(query.invoiceId()).map(found -> found.orElseThrow(() -> invoiceNotFound(query.invoiceId())));
  }

  public Future<Invoice> getOrderInvoice(GetOrderInvoice query) {
    return invoices.findForOrder(query.orderId()).map(found -> found.orElseThrow(() ->
        new NotFound("INVOICE_NOT_FOUND", "order " + query.orderId() + " has no invoice")));
  }

  private Future<Void> changeInvoice(InvoiceId id, Consumer<Invoice> change) {
    return database.inTransaction(tx -> invoices.lock(tx, id)
        .map(found -> found.orElseThrow(() -> invoiceNotFound(id)))
        .compose(invoice -> {
          change.accept(invoice);
          return invoices.update(tx, invoice);
        }));
  }

  private static NotFound paymentNotFound(PaymentId id) {
    return new NotFound("PAYMENT_NOT_FOUND", "no payment " + id);
  }

  private static NotFound invoiceNotFound(InvoiceId id) {
    return new NotFound("INVOICE_NOT_FOUND", "no invoice " + id);
  }
}
