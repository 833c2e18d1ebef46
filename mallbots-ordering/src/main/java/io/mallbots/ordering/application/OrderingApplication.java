package io.mallbots.ordering.application;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Conflict;
import io.mallbots.ordering.application.commands.ApproveOrder;
import io.mallbots.ordering.application.commands.CancelOrder;
import io.mallbots.ordering.application.commands.ChangeOrderHandler;
import io.mallbots.ordering.application.commands.CompleteOrder;
import io.mallbots.ordering.application.commands.CreateOrder;
import io.mallbots.ordering.application.commands.CreateOrderHandler;
import io.mallbots.ordering.application.commands.OrderChange;
import io.mallbots.ordering.application.commands.ReadyOrder;
import io.mallbots.ordering.application.commands.RejectOrder;
import io.mallbots.ordering.application.commands.SettleOrder;
import io.mallbots.ordering.application.queries.GetOrder;
import io.mallbots.ordering.application.queries.GetOrderHandler;
import io.mallbots.ordering.application.queries.OrderView;
import io.mallbots.ordering.application.queries.OrderViews;
import io.mallbots.ordering.domain.OrderId;
import io.mallbots.ordering.domain.PaidInvoice;
import io.vertx.core.Future;
import java.util.function.Function;

/**
 * The ordering service's use cases, CQRS: commands go to the command handlers (event streams, read
 * table and outbox in one transaction), queries to the query handler (the read table only). The
 * gRPC commands open their own transaction and try again, up to {@code attempts} times in all, when
 * another writer changed the order meanwhile; the {@code Tx}-taking variants run in the transaction
 * a message handler opened, where a concurrent change fails the message so that the broker
 * redelivers it. Called on the service verticle's event loop.
 */
public final class OrderingApplication {

  private final Database database;
  private final CreateOrderHandler creating;
  private final ChangeOrderHandler changing;
  private final GetOrderHandler getting;
  private final PaymentMismatches mismatches;
  private final int attempts;

  public OrderingApplication(
      Database database,
      Orders orders,
      OrderViews views,
      DomainEvents events,
      CreateOrderSagas sagas,
      PaymentMismatches mismatches,
      int attempts) {
    this.database = database;
    this.mismatches = mismatches;
    this.creating = new CreateOrderHandler(orders, views, events, sagas);
    this.changing = new ChangeOrderHandler(orders, views, events);
    this.getting = new GetOrderHandler(views);
    this.attempts = attempts;
  }

  /** The CreateOrder RPC. */
  public Future<OrderId> createOrder(CreateOrder command) {
    return database.inTransaction(tx -> creating.handle(tx, command));
  }

  /** BasketCheckedOut: at most one order per basket. */
  public Future<OrderId> createOrder(Tx tx, CreateOrder command) {
    return creating.handle(tx, command);
  }

  public Future<Void> cancelOrder(CancelOrder command) {
    return changeRetrying(command);
  }

  public Future<Void> readyOrder(ReadyOrder command) {
    return changeRetrying(command);
  }

  public Future<Void> completeOrder(CompleteOrder command) {
    return changeRetrying(command);
  }

  /**
   * InvoicePaid. An invoice that does not pay its order leaves the order as it is and is recorded
   * as a payment mismatch in {@code tx}, which then commits: it is acknowledged once, not retried.
   * Other rejections (no such order, an order that cannot be paid any more) fail the future, for
   * the caller to decide.
   */
  public Future<Void> settleOrder(Tx tx, SettleOrder command) {
    return changing
        .handle(tx, command)
        .recover(
            failure ->
                failure instanceof Conflict mismatch && PaidInvoice.isMismatch(mismatch)
                    ? mismatches.record(tx, mismatch)
                    : Future.failedFuture(failure));
  }

  /** The saga's ApproveOrder command. */
  public Future<Void> approveOrder(Tx tx, ApproveOrder command) {
    return changing.handle(tx, command);
  }

  /** The saga's RejectOrder command. */
  public Future<Void> rejectOrder(Tx tx, RejectOrder command) {
    return changing.handle(tx, command);
  }

  public Future<OrderView> getOrder(GetOrder query) {
    return getting.handle(query);
  }

  private Future<Void> changeRetrying(OrderChange command) {
    return retrying(tx -> changing.handle(tx, command), command.orderId(), 1);
  }

  private <T> Future<T> retrying(Function<Tx, Future<T>> work, OrderId id, int attempt) {
    return database
        .inTransaction(work)
        .recover(
            failure -> {
              if (!(failure instanceof ConcurrentOrderChange)) {
                return Future.failedFuture(failure);
              }
              return attempt < attempts
                  ? retrying(work, id, attempt + 1)
                  : Future.failedFuture(
                      new Conflict(
                          "ORDER_CHANGED_CONCURRENTLY",
                          "order " + id + " kept changing while this ran; try again"));
            });
  }
}
