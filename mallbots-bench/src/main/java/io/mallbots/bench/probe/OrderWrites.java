package io.mallbots.bench.probe;

import io.mallbots.baskets.v1.BasketsContract;
import io.mallbots.bench.probe.OrderMessages.Sent;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.inbox.Inbox;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.outbox.Outbox;
import io.mallbots.ordering.agent.OrderingProbe;
import io.mallbots.payments.v1.PaymentsContract;
import io.mallbots.users.v1.UsersContract;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.LongStream;

/**
 * The PostgreSQL work one order costs across the services, transaction by transaction, in flow
 * order:
 *
 * <ol>
 *   <li>the four request transactions: AuthorizePayment (payments), StartBasket, 3 x AddItem,
 *       CheckoutBasket (baskets);
 *   <li>one transaction per delivery (or per batch of deliveries, {@link #orders}) of every message
 *       of {@link OrderMessages} to every group that acts on it: the inbox insert ({@link Inbox},
 *       the services' own code), then the effect: the order created and the saga started
 *       (ordering), the saga's steps (users, payments, ordering), notifications, search's read
 *       model; a delivery a service passes over (its handler's {@code passesOver}) costs no
 *       transaction;
 *   <li>every event and command enters the outbox ({@link Outbox}, the services' own code) and is
 *       published by the services' own relay (claim a batch with {@code FOR UPDATE SKIP LOCKED},
 *       delete it).
 * </ol>
 *
 * <b>Ordering</b> runs its own code on its own tables: the BasketCheckedOut handler (one order per
 * basket, the event appended at version 1, a snapshot when one is due, the {@code orders_view}
 * upsert, OrderCreated to the outbox, the create-order saga started) and the saga's reply handler
 * (lock, next command, save; on payments' reply the local approval: a savepoint, load from snapshot
 * and events, append with the version check, view, OrderApproved to the outbox), as {@code
 * OrderingVerticle} wires them, through ordering's probe hook {@link OrderingProbe}. The other
 * services' writes are their adapters' statements ({@code PgPayments}, {@code PgBaskets}, {@code
 * PgNotifications}, search's {@code PgNames} and {@code PgOrders}); users answers AuthorizeUser
 * with one read.
 */
final class OrderWrites {

  /**
   * The deliveries of the flow whose subscribers pass them over, as their handlers say
   * (group/name).
   */
  private static final Set<String> PASSED_OVER =
      Set.of(
          "ordering-baskets/baskets.BasketStarted",
          "payments-orders/ordering.OrderCreated",
          "payments-orders/ordering.OrderApproved",
          "notifications-orders/ordering.OrderApproved");

  private final ProbeDatabases databases;
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong statements = new AtomicLong();

  /**
   * Ordering's own code on its own tables: its BasketCheckedOut handler and the saga's reply
   * handler.
   */
  private final OrderingProbe ordering;

  OrderWrites(ProbeDatabases databases, int snapshotEvery) {
    this.databases = databases;
    this.ordering = new OrderingProbe(databases.of("ordering"), snapshotEvery);
  }

  long transactions() {
    return transactions.get();
  }

  long statements() {
    return statements.get() + ordering.statements();
  }

  /**
   * Every write of {@code count} orders numbered from {@code first}, as a subscription with batches
   * of {@code count} applies them: each order's requests one transaction after the other (shoppers
   * send them one by one; the orders run side by side), then every delivery step of the flow once
   * for all of them, in flow order: one transaction holding the batch's inbox rows (one multi-row
   * insert) and each message's effect in turn, as {@code Inbox.inOneTransaction} does. A batch of
   * one is a lone delivery, as the services handle it.
   */
  Future<Void> orders(long first, int count) {
    List<List<Sent>> flows =
        LongStream.range(first, first + count).mapToObj(OrderMessages::of).toList();
    Future<Void> chain = Future.all(flows.stream().map(this::requests).toList()).mapEmpty();
    List<Sent> steps = flows.get(0);
    for (int index = 0; index < steps.size(); index++) {
      Sent sent = steps.get(index);
      for (String group : sent.groups()) {
        if (!PASSED_OVER.contains(group + "/" + sent.message().name())) {
          int step = index;
          chain = chain.compose(v -> deliveries(group, step, flows));
        }
      }
    }
    return chain.onComplete(
        done -> flows.forEach(flow -> ordering.forget(flow.get(1).message().aggregateId())));
  }

  /** The request transactions of one order, in the order a shopper sends them. */
  private Future<Void> requests(List<Sent> flow) {
    Message authorized = flow.get(0).message();
    Message started = flow.get(1).message();
    Message checkedOut = flow.get(2).message();
    String payment = authorized.aggregateId();
    String basket = started.aggregateId();
    String user = "user-" + basket;
    List<Function<Void, Future<Void>>> steps = new ArrayList<>();
    steps.add(
        v ->
            tx(
                "payments",
                tx ->
                    exec(
                            tx,
                            "INSERT INTO payments (id, user_id, amount, status, order_id, "
                                + "confirmed_amount) VALUES ($1, $2, $3, $4, $5, $6)",
                            Tuple.of(
                                UUID.fromString(payment),
                                user,
                                new BigDecimal("12.34"),
                                "AUTHORIZED",
                                "",
                                BigDecimal.ZERO))
                        .compose(x -> outbox(tx, authorized))));
    // Baskets (PgBaskets): a change locks the basket with its items and writes what changed: the
    // new item, the status.
    steps.add(
        v ->
            tx(
                "baskets",
                tx ->
                    exec(
                            tx,
                            "INSERT INTO baskets (id, user_id, status, payment_id) "
                                + "VALUES ($1, $2, $3, $4)",
                            Tuple.of(UUID.fromString(basket), user, "OPEN", null))
                        .compose(x -> outbox(tx, started))));
    for (int position = 0; position < 3; position++) {
      int added = position;
      steps.add(
          v ->
              tx("baskets", tx -> lockBasket(tx, basket).compose(x -> addItem(tx, basket, added))));
    }
    steps.add(
        v ->
            tx(
                "baskets",
                tx ->
                    lockBasket(tx, basket)
                        .compose(
                            x ->
                                exec(
                                    tx,
                                    "UPDATE baskets SET status = $2, payment_id = $3, updated_at = now() WHERE id = $1",
                                    Tuple.of(UUID.fromString(basket), "CHECKED_OUT", payment)))
                        .compose(x -> outbox(tx, checkedOut))));
    Future<Void> chain = Future.succeededFuture();
    for (Function<Void, Future<Void>> step : steps) {
      chain = chain.compose(step);
    }
    return chain;
  }

  /**
   * The delivery of step {@code step} of every flow to {@code group}: alone, or the whole batch in
   * one transaction.
   */
  private Future<Void> deliveries(String group, int step, List<List<Sent>> flows) {
    if (flows.size() == 1) {
      return delivery(group, flows.get(0).get(step).message(), flows.get(0));
    }
    String service = group.substring(0, group.indexOf('-'));
    List<Message> messages = flows.stream().map(flow -> flow.get(step).message()).toList();
    return tx(
        service,
        tx -> {
          statements.incrementAndGet();
          Future<Void> chain = Inbox.firstDeliveries(tx, group, messages).mapEmpty();
          for (List<Sent> flow : flows) {
            Message message = flow.get(step).message();
            chain = chain.compose(v -> effect(tx.causedBy(message), group, message, flow));
          }
          return chain;
        });
  }

  /**
   * One delivery: the inbox insert and, if the group acts on the message, the effect, in one
   * transaction.
   */
  private Future<Void> delivery(String group, Message message, List<Sent> flow) {
    String service = group.substring(0, group.indexOf('-'));
    return tx(
        service,
        tx -> {
          statements.incrementAndGet();
          return Inbox.firstDelivery(tx.causedBy(message), group, message)
              .compose(first -> effect(tx, group, message, flow));
        });
  }

  private Future<Void> effect(Tx tx, String group, Message m, List<Sent> flow) {
    String order = flow.get(3).message().aggregateId();
    return switch (group + "/" + m.name()) {
      case "ordering-baskets/" + BasketsContract.Names.BASKET_CHECKED_OUT ->
          ordering.basketCheckedOut(tx, m);
      case "users-commands/" + UsersContract.Names.AUTHORIZE_USER ->
          exec(
                  tx,
                  "SELECT id, username, email, bio, image, password_hash, "
                      + "enabled FROM users WHERE id = $1",
                  Tuple.of(UUID.randomUUID()))
              .compose(x -> outbox(tx, flow.get(5).message()));
      case OrderingProbe.REPLY_GROUP + "/common.CommandReply" ->
          ordering.sagaReply(tx, ofOrder(m, orderOf(flow)));
      case "payments-commands/" + PaymentsContract.Names.CONFIRM_PAYMENT ->
          exec(
                  tx,
                  "SELECT id, user_id, amount, status, order_id, "
                      + "confirmed_amount FROM payments WHERE id = $1 FOR UPDATE",
                  Tuple.of(UUID.fromString(flow.get(0).message().aggregateId())))
              .compose(
                  x ->
                      exec(
                          tx,
                          "SELECT EXISTS (SELECT 1 FROM canceled_orders WHERE order_id = $1)",
                          Tuple.of(order)))
              .compose(
                  x ->
                      exec(
                          tx,
                          "UPDATE payments SET status = $2, order_id = $3, confirmed_amount = $4, updated_at = now() "
                              + "WHERE id = $1",
                          Tuple.of(
                              UUID.fromString(flow.get(0).message().aggregateId()),
                              "CONFIRMED",
                              order,
                              new BigDecimal("12.34"))))
              .compose(x -> outbox(tx, flow.get(7).message(), flow.get(8).message()));
      case "notifications-orders/ordering.OrderCreated" ->
          exec(
                  tx,
                  "SELECT order_id FROM notifications WHERE order_id = $1 " + "AND kind = $2",
                  Tuple.of(order, "CREATED"))
              .compose(
                  x ->
                      exec(
                          tx,
                          "SELECT user_id, name, address FROM user_cache WHERE user_id = $1",
                          Tuple.of("user")))
              .compose(
                  x ->
                      exec(
                          tx,
                          "INSERT INTO notifications (order_id, kind, user_id, recipient, text, sent_at) "
                              + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                          Tuple.of(
                              order,
                              "CREATED",
                              "user",
                              "shopper@bench.mallbots.io",
                              "Your order " + order + " was created",
                              OffsetDateTime.now())));
      case "search-orders/ordering.OrderCreated" ->
          exec(
                  tx,
                  "SELECT 'USER' AS owner, user_id AS id, name FROM users "
                      + "WHERE user_id = $1 UNION ALL SELECT 'STORE', store_id, name FROM stores WHERE store_id = ANY($2) "
                      + "UNION ALL SELECT 'PRODUCT', product_id, name FROM products WHERE product_id = ANY($3)",
                  Tuple.of("user", new String[] {"s0"}, new String[] {"p0", "p1", "p2"}))
              .compose(
                  x ->
                      exec(
                          tx,
                          "INSERT INTO orders (order_id, user_id, user_name, total, status, status_rank, "
                              + "created_at, store_ids, product_ids) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (order_id) "
                              + "DO UPDATE SET user_id = excluded.user_id, user_name = excluded.user_name, total = excluded.total, "
                              + "created_at = excluded.created_at, store_ids = excluded.store_ids, product_ids = excluded.product_ids "
                              + "WHERE orders.created_at IS NULL RETURNING order_id",
                          Tuple.of(
                                  order,
                                  "user",
                                  "",
                                  new BigDecimal("12.34"),
                                  "PENDING",
                                  1,
                                  OffsetDateTime.now())
                              .addArrayOfString(new String[] {"s0"})
                              .addArrayOfString(new String[] {"p0", "p1", "p2"})))
              .compose(
                  x -> {
                    statements.incrementAndGet();
                    List<Tuple> items = new ArrayList<>();
                    for (int position = 0; position < 3; position++) {
                      items.add(
                          Tuple.of(
                              order,
                              position,
                              "p" + position,
                              "s0",
                              "Bench product 0-" + position,
                              "Bench store 0",
                              new BigDecimal("4.11"),
                              1L));
                    }
                    return tx.connection()
                        .preparedQuery(
                            "INSERT INTO order_items (order_id, position, product_id, store_id, "
                                + "product_name, store_name, price, quantity) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                        .executeBatch(items)
                        .mapEmpty();
                  });
      case "search-orders/ordering.OrderApproved" ->
          exec(
              tx,
              "INSERT INTO orders (order_id, status, status_rank) "
                  + "VALUES ($1, $2, $3) ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, "
                  + "status_rank = excluded.status_rank WHERE orders.status_rank < excluded.status_rank",
              Tuple.of(order, "APPROVED", 2));
      default ->
          Future.failedFuture(
              new IllegalStateException("no writes known for " + group + "/" + m.name()));
    };
  }

  private String orderOf(List<Sent> flow) {
    return ordering.orderOf(flow.get(1).message().aggregateId());
  }

  /** A saga reply of the flow, addressed to the order ordering made. */
  private static Message ofOrder(Message m, String order) {
    Map<String, String> metadata = new HashMap<>(m.metadata());
    metadata.put(Metadata.SAGA_ID, order);
    return new Message(m.id(), m.topic(), m.name(), m.version(), order, m.payload(), metadata);
  }

  /** PgBaskets.lock: the basket with its items, locked. */
  private Future<Void> lockBasket(Tx tx, String basket) {
    return exec(
        tx,
        "SELECT b.id, b.user_id, b.status, b.payment_id, i.product_id, i.store_id, i.store_name, "
            + "i.product_name, i.price, i.quantity FROM baskets b LEFT JOIN basket_items i ON i.basket_id = b.id "
            + "WHERE b.id = $1 ORDER BY i.position FOR UPDATE OF b",
        Tuple.of(UUID.fromString(basket)));
  }

  /**
   * PgBaskets.save after AddItem of a product not yet in the basket: one upsert (a batch of one).
   */
  private Future<Void> addItem(Tx tx, String basket, int position) {
    return exec(
        tx,
        "INSERT INTO basket_items (basket_id, position, product_id, store_id, store_name, product_name, "
            + "price, quantity) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (basket_id, product_id) DO UPDATE SET "
            + "position = excluded.position, store_id = excluded.store_id, store_name = excluded.store_name, "
            + "product_name = excluded.product_name, price = excluded.price, quantity = excluded.quantity",
        Tuple.of(
            UUID.fromString(basket),
            position,
            new UUID(7, position),
            new UUID(6, 0),
            "Bench store 0",
            "Bench product 0-" + position,
            new BigDecimal("4.11"),
            1));
  }

  private Future<Void> outbox(Tx tx, Message... messages) {
    statements.incrementAndGet();
    // The outbox wants a unique id per row, as every fresh message has.
    return Outbox.append(
        tx,
        java.util.Arrays.stream(messages)
            .map(
                m ->
                    new Message(
                        UUID.randomUUID().toString(),
                        m.topic(),
                        m.name(),
                        m.version(),
                        m.aggregateId(),
                        m.payload(),
                        m.metadata()))
            .toList());
  }

  private Future<Void> exec(Tx tx, String sql, Tuple arguments) {
    statements.incrementAndGet();
    return tx.connection().preparedQuery(sql).execute(arguments).mapEmpty();
  }

  private Future<Void> tx(String service, Function<Tx, Future<Void>> work) {
    Database database = databases.of(service);
    return database
        .inTransaction(tx -> work.apply(tx))
        .onSuccess(v -> transactions.incrementAndGet());
  }
}
