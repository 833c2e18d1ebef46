package io.mallbots.ordering.testing;

import io.mallbots.baskets.v1.BasketCheckedOut;
import io.mallbots.baskets.v1.BasketsContract;
import io.mallbots.core.db.Database;
import io.mallbots.core.domain.DomainException;
import io.mallbots.core.inbox.Inbox;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.saga.CommandHandling;
import io.mallbots.core.saga.CommandReplies;
import io.mallbots.core.saga.SagaView;
import io.mallbots.core.testing.OutboxRows;
import io.mallbots.ordering.adapters.pg.OrderingMessages;
import io.mallbots.ordering.adapters.pg.PgOrderViews;
import io.mallbots.ordering.adapters.pg.PgOrders;
import io.mallbots.ordering.adapters.pg.PgPaymentMismatches;
import io.mallbots.ordering.adapters.saga.CreateOrderSaga;
import io.mallbots.ordering.application.OrderingApplication;
import io.mallbots.ordering.application.Orders;
import io.mallbots.ordering.application.commands.ChangeOrderHandler;
import io.mallbots.ordering.application.queries.GetOrder;
import io.mallbots.ordering.application.queries.OrderView;
import io.mallbots.ordering.domain.OrderId;
import io.mallbots.ordering.ports.handlers.OrderingCommandHandlers;
import io.mallbots.ordering.ports.handlers.OrderingEventHandlers;
import io.mallbots.ordering.v1.OrderingContract;
import io.mallbots.payments.v1.PaymentsContract;
import io.mallbots.users.v1.UsersContract;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The ordering application wired as the verticle wires it, on a schema of its own, without a
 * broker: messages are handed to the same handlers the verticle subscribes (inbox, command handling
 * and all), and what ordering sends is read from its outbox. Users' and payments' answers to the
 * saga's commands are simulated.
 */
public final class OrderingInProcess implements AutoCloseable {

  private final OrderingDatabase db;
  private final CreateOrderSaga saga;
  private final OrderingApplication app;
  private final MessageHandler events;
  private final MessageHandler commands;
  private final MessageHandler replies;
  private final Set<String> delivered = new HashSet<>();

  public OrderingInProcess(String schemaPrefix) {
    this(schemaPrefix, orders -> orders);
  }

  /** With the event store seen through {@code decorate} (e.g. to stage a concurrent writer). */
  public OrderingInProcess(String schemaPrefix, Function<Orders, Orders> decorate) {
    db = new OrderingDatabase(schemaPrefix);
    Database database = db.database();
    Orders orders = decorate.apply(new PgOrders(2));
    PgOrderViews views = new PgOrderViews(database);
    OrderingMessages messages = new OrderingMessages();
    saga = new CreateOrderSaga(new ChangeOrderHandler(orders, views, messages));
    app =
        new OrderingApplication(
            database,
            orders,
            views,
            messages,
            saga,
            new PgPaymentMismatches(OrderingEventHandlers.INVOICE_GROUP),
            3);
    events =
        Inbox.exactlyOnce(
            database, OrderingEventHandlers.BASKET_GROUP, new OrderingEventHandlers(app));
    commands =
        CommandHandling.exactlyOnce(
            database, OrderingCommandHandlers.GROUP, new OrderingCommandHandlers(app));
    replies = Inbox.exactlyOnce(database, CreateOrderSaga.REPLY_GROUP, saga::handleReply);
  }

  public OrderingApplication app() {
    return app;
  }

  public OrderingDatabase db() {
    return db;
  }

  /** Hands an event from another service to ordering, as its subscription would. */
  public void deliverEvent(Message event) {
    events.handle(event).await();
  }

  /** Hands a saga command to ordering's command handler, as its subscription would. */
  public void deliverCommand(Message command) {
    commands.handle(command).await();
  }

  /** Hands a reply to the saga, as its subscription would. */
  public void deliverReply(Message reply) {
    replies.handle(reply).await();
  }

  /** Checks out {@code basketId} and answers with the order it made. */
  public OrderId checkout(Message basketCheckedOut) {
    deliverEvent(basketCheckedOut);
    String basketId = basketCheckedOut.aggregateId();
    return new OrderId(
        db.database()
            .pool()
            .query("SELECT order_id FROM basket_orders WHERE basket_id = '" + basketId + "'")
            .execute()
            .await()
            .iterator()
            .next()
            .getUUID("order_id"));
  }

  /**
   * Runs the order's saga to its end: every command it sends is answered, users' and payments' by
   * {@code refusals} (a command named there fails with that rejection, any other succeeds),
   * ordering's own by ordering's command handler; every reply goes back to the saga.
   */
  public void runSaga(OrderId id, Map<String, DomainException> refusals) {
    for (List<Message> pending = undelivered(id); !pending.isEmpty(); pending = undelivered(id)) {
      for (Message message : pending) {
        delivered.add(message.id());
        if (message.topic().equals(OrderingContract.CREATE_ORDER_REPLIES)) {
          deliverReply(message);
        } else if (message.topic().equals(OrderingContract.COMMANDS)) {
          deliverCommand(message);
        } else if (message.topic().equals(UsersContract.COMMANDS)
            || message.topic().equals(PaymentsContract.COMMANDS)) {
          DomainException refusal = refusals.get(message.name());
          deliverReply(
              refusal == null
                  ? CommandReplies.success(message)
                  : CommandReplies.failure(message, refusal));
        }
      }
    }
  }

  public void runSaga(OrderId id) {
    runSaga(id, Map.of());
  }

  /** What ordering has sent about {@code id}, oldest first (nothing is relayed here). */
  public List<Message> sent(OrderId id) {
    return sent(id.toString());
  }

  /**
   * What ordering has sent keyed by {@code key} (an order id, or the saga id of a stray command).
   */
  public List<Message> sent(String key) {
    return OutboxRows.all(db.database()).stream().filter(m -> m.aggregateId().equals(key)).toList();
  }

  /** The names of what ordering sent about {@code id} on {@code topic}, oldest first. */
  public List<String> sent(OrderId id, String topic) {
    return sent(id).stream().filter(m -> m.topic().equals(topic)).map(Message::name).toList();
  }

  /** The last message of that name ordering sent about {@code id}. */
  public Message last(OrderId id, String name) {
    List<Message> named = sent(id).stream().filter(m -> m.name().equals(name)).toList();
    return named.get(named.size() - 1);
  }

  public OrderView order(OrderId id) {
    return app.getOrder(new GetOrder(id)).await();
  }

  public SagaView<?> saga(OrderId id) {
    return saga.find(db.database().reads(), id.toString()).await();
  }

  private List<Message> undelivered(OrderId id) {
    return sent(id).stream().filter(m -> !delivered.contains(m.id())).toList();
  }

  /** A BasketCheckedOut of a new basket with two items: 2 x 2.50 and 1 x 10.00. */
  public static Message basketCheckedOut() {
    return basketCheckedOut(UUID.randomUUID().toString());
  }

  public static Message basketCheckedOut(String basketId) {
    BasketCheckedOut body =
        BasketCheckedOut.newBuilder()
            .setId(basketId)
            .setUserId(UUID.randomUUID().toString())
            .setPaymentId(UUID.randomUUID().toString())
            .addItems(item("Widget", "Widgets", 2.5, 2))
            .addItems(item("Gizmo", "Gizmos", 10, 1))
            .build();
    return Message.create(
        BasketsContract.BASKET_EVENTS, "baskets.BasketCheckedOut", basketId, body.toByteArray());
  }

  /** A BasketCheckedOut of a new basket with one item, 2 x {@code price}. */
  public static Message basketCheckedOut(String basketId, double price) {
    BasketCheckedOut body =
        BasketCheckedOut.newBuilder()
            .setId(basketId)
            .setUserId(UUID.randomUUID().toString())
            .setPaymentId(UUID.randomUUID().toString())
            .addItems(item("Widget", "Widgets", price, 2))
            .build();
    return Message.create(
        BasketsContract.BASKET_EVENTS, "baskets.BasketCheckedOut", basketId, body.toByteArray());
  }

  private static BasketCheckedOut.Item item(
      String product, String store, double price, int quantity) {
    return BasketCheckedOut.Item.newBuilder()
        .setProductId(UUID.randomUUID().toString())
        .setStoreId(UUID.randomUUID().toString())
        .setProductName(product)
        .setStoreName(store)
        .setPrice(price)
        .setQuantity(quantity)
        .build();
  }

  @Override
  public void close() {
    db.close();
  }
}
