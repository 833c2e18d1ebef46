package io.mallbots.ordering.ports.handlers;

import static io.mallbots.core.domain.Uuids.canonical;
import static io.mallbots.ordering.ports.OrderingWire.orderId;

import io.mallbots.baskets.v1.BasketCheckedOut;
import io.mallbots.baskets.v1.BasketsContract;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.NotFound;
import io.mallbots.core.inbox.DispatchingHandler;
import io.mallbots.core.inbox.TxMessageHandler;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Payloads;
import io.mallbots.ordering.application.OrderingApplication;
import io.mallbots.ordering.application.commands.CreateOrder;
import io.mallbots.ordering.application.commands.SettleOrder;
import io.mallbots.ordering.domain.Item;
import io.mallbots.ordering.domain.PaidInvoice;
import io.mallbots.ordering.ports.OrderingWire;
import io.mallbots.payments.v1.InvoicePaid;
import io.mallbots.payments.v1.PaymentsContract;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Other services' events that move orders: BasketCheckedOut (baskets) creates the order and starts
 * its saga; InvoicePaid (payments) completes it if the invoice pays it. Other events on those
 * topics are passed over; an unknown or undecodable one, or one with a malformed id, price or
 * quantity, fails (and ends in the dead letters). Registered with {@code agent.subscribe}
 * (exactly-once effects); called on the service verticle's event loop, inside the message's
 * transaction.
 */
public final class OrderingEventHandlers extends DispatchingHandler {

  public static final String BASKET_GROUP = "ordering-baskets";
  public static final String INVOICE_GROUP = "ordering-invoices";

  private static final Logger log = LoggerFactory.getLogger(OrderingEventHandlers.class);

  /** Basket and invoice events that do not move orders: acknowledged without a transaction. */
  private static final Set<String> PASSED_OVER =
      Set.of(
          BasketsContract.Names.BASKET_STARTED,
          BasketsContract.Names.BASKET_CANCELED,
          PaymentsContract.Names.INVOICE_CREATED,
          PaymentsContract.Names.INVOICE_ADJUSTED,
          PaymentsContract.Names.INVOICE_CANCELED);

  private final OrderingApplication app;

  public OrderingEventHandlers(OrderingApplication app) {
    super(PASSED_OVER);
    this.app = app;
  }

  @Override
  protected Future<Void> dispatch(Tx tx, Message event) {
    return switch (event.name()) {
      case BasketsContract.Names.BASKET_CHECKED_OUT ->
          basketCheckedOut(tx, Payloads.parse(BasketsContract.BASKET_CHECKED_OUT, event));
      case PaymentsContract.Names.INVOICE_PAID ->
          invoicePaid(tx, Payloads.parse(PaymentsContract.INVOICE_PAID, event));
      default -> throw TxMessageHandler.unknown(event);
    };
  }

  private Future<Void> basketCheckedOut(Tx tx, BasketCheckedOut basket) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < basket.getItemsCount(); i++) {
      BasketCheckedOut.Item item = basket.getItems(i);
      items.add(
          OrderingWire.item(
              "items[" + i + "]",
              item.getProductId(),
              item.getStoreId(),
              item.getProductName(),
              item.getStoreName(),
              item.getPrice(),
              item.getQuantity()));
    }
    return app.createOrder(
            tx,
            new CreateOrder(
                canonical(basket.getUserId(), "user_id"),
                canonical(basket.getPaymentId(), "payment_id"),
                items,
                canonical(basket.getId(), "id")))
        .mapEmpty();
  }

  /**
   * The order completes only if the invoice pays it; one that does not (another amount, another
   * payment) is recorded as a payment mismatch by the application and acknowledged. Payments
   * invoices only orders made ready here, so an invoice of an unknown order, or of one that can no
   * longer be paid, was made by hand (payments' CreateInvoice takes any order id): retrying cannot
   * change that, so it is logged and acknowledged.
   */
  private Future<Void> invoicePaid(Tx tx, InvoicePaid paid) {
    SettleOrder command =
        new SettleOrder(
            new PaidInvoice(
                canonical(paid.getId(), "id"),
                orderId(paid.getOrderId(), "order_id"),
                paid.getPaymentId(),
                Money.fromWire(paid.getAmount(), "amount")));
    return app.settleOrder(tx, command)
        .recover(
            failure -> {
              if (failure instanceof NotFound || failure instanceof Conflict) {
                log.warn(
                    "invoice {} was paid, but order {} stays as it is: {}",
                    paid.getId(),
                    paid.getOrderId(),
                    failure.getMessage());
                return Future.succeededFuture();
              }
              return Future.failedFuture(failure);
            });
  }
}
