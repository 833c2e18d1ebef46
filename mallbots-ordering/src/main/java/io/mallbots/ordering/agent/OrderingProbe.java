package io.mallbots.ordering.agent;

import io.mallbots.core.config.Settings;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.ordering.adapters.pg.OrderingMessages;
import io.mallbots.ordering.adapters.pg.PgOrderViews;
import io.mallbots.ordering.adapters.pg.PgOrders;
import io.mallbots.ordering.adapters.saga.CreateOrderSaga;
import io.mallbots.ordering.application.OrderingApplication;
import io.mallbots.ordering.application.Orders;
import io.mallbots.ordering.application.commands.ChangeOrderHandler;
import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderEvent;
import io.mallbots.ordering.domain.OrderId;
import io.mallbots.ordering.ports.handlers.OrderingEventHandlers;
import io.mallbots.payments.v1.PaymentsContract;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The probe hook of ordering, for the benchmark's database-ceiling probe ({@code make bench},
 * docs/benchmarks.md): ordering's own writes of one order, on a database of the caller's (a scratch
 * schema migrated with ordering's migrations), through the same code the service runs, wired as
 * {@link OrderingVerticle} wires it: the BasketCheckedOut handler (the order created, the event
 * appended, a snapshot when one is due, the {@code orders_view} upsert, OrderCreated to the outbox,
 * the create-order saga started) and the saga's reply handler (lock, next command, save; on
 * payments' reply the local approval and OrderApproved to the outbox). The probe pays no invoices
 * and retries no concurrent change. It counts the SQL statements ordering issued, so the bench can
 * report statements per order.
 *
 * <p>The one ordering type the bench may use (its ArchitectureTest says so): ordering's internals
 * stay free to change as long as this keeps doing what the service does.
 */
public final class OrderingProbe {

  /**
   * The consumer group of the create-order saga's replies (the subscriber of {@code
   * CREATE_ORDER_REPLIES}).
   */
  public static final String REPLY_GROUP = CreateOrderSaga.REPLY_GROUP;

  private final AtomicLong statements = new AtomicLong();
  private final CreateOrderSaga saga;
  private final OrderingEventHandlers checkouts;

  /** Ordering makes the order id; the saga's replies must name it. By basket id. */
  private final Map<String, String> orderOfBasket = new ConcurrentHashMap<>();

  /**
   * Ordering's writes on {@code ordering}, snapshotting an order every {@code snapshotEvery}
   * events.
   */
  public OrderingProbe(Database ordering, int snapshotEvery) {
    Orders orders = new CountingOrders(new PgOrders(snapshotEvery), snapshotEvery);
    PgOrderViews views = new PgOrderViews(ordering);
    OrderingMessages messages = new OrderingMessages();
    this.saga = new CreateOrderSaga(new ChangeOrderHandler(orders, views, messages));
    OrderingApplication app =
        new OrderingApplication(
            ordering,
            orders,
            views,
            messages,
            (tx, order) -> {
              orderOfBasket.put(order.basketId(), order.id().toString());
              statements.addAndGet(
                  3); // saga_instances insert, the first command to the outbox, the saga saved
              return saga.start(tx, order);
            },
            (tx, mismatch) -> Future.succeededFuture(),
            1); // the probe pays no invoices
    this.checkouts = new OrderingEventHandlers(app);
  }

  /**
   * {@code ORDER_SNAPSHOT_EVERY} as the service reads it from {@code env} and its {@code app.env}.
   */
  public static int snapshotEvery(Map<String, String> env) {
    return OrderingSettings.from(Settings.of(OrderingVerticle.SERVICE, env)).snapshotEvery();
  }

  /**
   * Baskets' BasketCheckedOut delivered to ordering, in {@code tx}: the order created and its saga
   * started.
   */
  public Future<Void> basketCheckedOut(Tx tx, Message checkedOut) {
    statements.addAndGet(2); // orders_view, OrderCreated to the outbox
    return checkouts.handle(tx, checkedOut);
  }

  /**
   * A reply to one of the create-order saga's commands, in {@code tx}; its saga id must name the
   * order.
   */
  public Future<Void> sagaReply(Tx tx, Message reply) {
    // lock, the next command or the local approval's savepoint, save; approving adds orders_view
    // and OrderApproved
    statements.addAndGet(
        PaymentsContract.CONFIRM_PAYMENT.name().equals(reply.metadata(Metadata.COMMAND)) ? 5 : 3);
    return saga.handleReply(tx, reply);
  }

  /**
   * The id of the order ordering made for {@code basketId}, or {@code null} before its checkout.
   */
  public String orderOf(String basketId) {
    return orderOfBasket.get(basketId);
  }

  /** Forgets the order of {@code basketId}, once its flow is done. */
  public void forget(String basketId) {
    orderOfBasket.remove(basketId);
  }

  /** SQL statements ordering issued so far. */
  public long statements() {
    return statements.get();
  }

  /**
   * Ordering's event store, counting its statements: a load, an append (and a snapshot when due),
   * the basket's order.
   */
  private final class CountingOrders implements Orders {

    private final Orders store;
    private final int snapshotEvery;

    CountingOrders(Orders store, int snapshotEvery) {
      this.store = store;
      this.snapshotEvery = snapshotEvery;
    }

    @Override
    public Future<Optional<Order>> load(Tx tx, OrderId id) {
      statements.incrementAndGet();
      return store.load(tx, id);
    }

    @Override
    public Future<Void> append(Tx tx, int expectedVersion, List<OrderEvent> events, Order after) {
      boolean snapshot =
          after.version() / snapshotEvery > expectedVersion / snapshotEvery; // PgOrders' rule
      statements.addAndGet(snapshot ? 2 : 1);
      return store.append(tx, expectedVersion, events, after);
    }

    @Override
    public Future<OrderId> orderOfBasket(Tx tx, String basketId, OrderId orderId) {
      statements.incrementAndGet();
      return store.orderOfBasket(tx, basketId, orderId);
    }
  }
}
