package io.mallbots.bench.probe;

import io.mallbots.bench.probe.OrderMessages.Sent;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.inbox.Inbox;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The PostgreSQL work one order costs across the services, transaction by transaction, in flow order:
 * <ol>
 *   <li>the four request transactions: AuthorizePayment (payments), StartBasket, 3 x AddItem, CheckoutBasket
 *   (baskets);</li>
 *   <li>one transaction per delivery of every message of {@link OrderMessages} to every group that receives it:
 *   the inbox insert ({@link Inbox}, the services' own code), then the effect: the order created and the saga
 *   started (ordering), the saga's steps (users, payments, ordering), notifications, search's read model; a
 *   delivery a service does not act on still costs its inbox insert;</li>
 *   <li>every event and command enters the outbox ({@link Outbox}, the services' own code) and is published by
 *   the services' own relay (claim a batch with {@code FOR UPDATE SKIP LOCKED}, delete it).</li>
 * </ol>
 * Aggregate writes of users, payments and notifications use their real tables; saga state uses the core
 * {@code saga_instances} table with the orchestrator's statements. <b>Baskets, ordering and search</b> use
 * stand-in tables ({@code probe_*}) of the same shape until their SQL is final: see {@link #STAND_INS}.
 */
final class OrderWrites {

  /** Tables for the services whose schema is not final yet: one row per aggregate, as their design says. */
  static final List<String> STAND_INS = List.of(
      "baskets:CREATE TABLE IF NOT EXISTS probe_baskets (id uuid PRIMARY KEY, user_id text NOT NULL, "
          + "status text NOT NULL, payment_id text, items jsonb NOT NULL DEFAULT '[]', updated_at timestamptz DEFAULT now())",
      "ordering:CREATE TABLE IF NOT EXISTS probe_order_events (order_id text NOT NULL, version integer NOT NULL, "
          + "name text NOT NULL, payload bytea NOT NULL, at timestamptz DEFAULT now(), PRIMARY KEY (order_id, version))",
      "search:CREATE TABLE IF NOT EXISTS probe_search_orders (id text PRIMARY KEY, user_id text NOT NULL, "
          + "status text NOT NULL, total numeric(14,2) NOT NULL, items jsonb NOT NULL, created_at timestamptz DEFAULT now())");

  private static final String SAGA_INSERT = "INSERT INTO saga_instances (saga_name, saga_id, data, step) VALUES ($1, $2, $3, -1)";
  private static final String SAGA_LOCK = "SELECT data, step, awaiting, compensating, outcome, failure_code, failure_reason "
      + "FROM saga_instances WHERE saga_name = $1 AND saga_id = $2 FOR UPDATE";
  private static final String SAGA_SAVE = "UPDATE saga_instances SET step = $3, awaiting = $4, compensating = $5, "
      + "outcome = $6, failure_code = $7, failure_reason = $8, updated_at = now() WHERE saga_name = $1 AND saga_id = $2";

  private final ProbeDatabases databases;
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong statements = new AtomicLong();

  OrderWrites(ProbeDatabases databases) {
    this.databases = databases;
  }

  /** Creates the stand-in tables. */
  Future<Void> prepare() {
    return Future.all(STAND_INS.stream().map(line -> {
      int colon = line.indexOf(':');
      return databases.of(line.substring(0, colon)).pool().query(line.substring(colon + 1)).execute();
    }).toList()).mapEmpty();
  }

  long transactions() {
    return transactions.get();
  }

  long statements() {
    return statements.get();
  }

  /** Every write of order {@code n}, one transaction after the other. */
  Future<Void> order(long n) {
    List<Sent> flow = OrderMessages.of(n);
    Message authorized = flow.get(0).message();
    Message started = flow.get(1).message();
    Message checkedOut = flow.get(2).message();
    String payment = authorized.aggregateId();
    String basket = started.aggregateId();
    List<Function<Void, Future<Void>>> steps = new ArrayList<>();
    steps.add(v -> tx("payments", tx -> exec(tx, "INSERT INTO payments (id, user_id, amount, status, order_id, "
        + "confirmed_amount) VALUES ($1, $2, $3, $4, $5, $6)", Tuple.of(UUID.fromString(payment), "user-" + n,
        new BigDecimal("12.34"), "AUTHORIZED", "", BigDecimal.ZERO)).compose(x -> outbox(tx, authorized))));
    steps.add(v -> tx("baskets", tx -> exec(tx, "INSERT INTO probe_baskets (id, user_id, status) VALUES ($1, $2, 'OPEN')",
        Tuple.of(UUID.fromString(basket), "user-" + n)).compose(x -> outbox(tx, started))));
    for (int item = 0; item < 3; item++) {
      JsonArray items = new JsonArray().add(new JsonObject().put("product", "p" + item).put("price", "4.11").put("qty", 1));
      steps.add(v -> tx("baskets", tx -> lockBasket(tx, basket).compose(x -> exec(tx,
          "UPDATE probe_baskets SET items = items || $2, updated_at = now() WHERE id = $1",
          Tuple.of(UUID.fromString(basket), items)))));
    }
    steps.add(v -> tx("baskets", tx -> lockBasket(tx, basket).compose(x -> exec(tx,
        "UPDATE probe_baskets SET status = 'CHECKED_OUT', payment_id = $2, updated_at = now() WHERE id = $1",
        Tuple.of(UUID.fromString(basket), payment))).compose(x -> outbox(tx, checkedOut))));
    for (Sent sent : flow) {
      for (String group : sent.groups()) {
        steps.add(v -> delivery(group, sent.message(), flow));
      }
    }
    Future<Void> chain = Future.succeededFuture();
    for (Function<Void, Future<Void>> step : steps) {
      chain = chain.compose(step);
    }
    return chain;
  }

  /** One delivery: the inbox insert and, if the group acts on the message, the effect, in one transaction. */
  private Future<Void> delivery(String group, Message message, List<Sent> flow) {
    String service = group.substring(0, group.indexOf('-'));
    return tx(service, tx -> {
      statements.incrementAndGet();
      return Inbox.firstDelivery(tx.causedBy(message), group, message)
          .compose(first -> effect(tx, group, message, flow));
    });
  }

  private Future<Void> effect(Tx tx, String group, Message m, List<Sent> flow) {
    String order = flow.get(3).message().aggregateId();
    return switch (group + "/" + m.name()) {
      case "ordering-baskets/baskets.BasketCheckedOut" -> appendEvent(tx, order, 1, flow.get(3).message())
          .compose(x -> outbox(tx, flow.get(3).message()))
          .compose(x -> exec(tx, SAGA_INSERT, Tuple.of("create-order", order, Buffer.buffer(m.payload()))))
          .compose(x -> outbox(tx, flow.get(4).message()))
          .compose(x -> saveSaga(tx, order, 1, "users.AuthorizeUser", null));
      case "users-commands/users.AuthorizeUser" -> exec(tx, "SELECT id, username, email, bio, image, password_hash, "
          + "enabled FROM users WHERE id = $1", Tuple.of(UUID.randomUUID())).compose(x -> outbox(tx, flow.get(5).message()));
      case "ordering-replies/common.CommandReply" -> sagaStep(tx, order, m.metadata(Metadata.COMMAND), flow);
      case "payments-commands/payments.ConfirmPayment" -> exec(tx, "SELECT id, user_id, amount, status, order_id, "
          + "confirmed_amount FROM payments WHERE id = $1 FOR UPDATE", Tuple.of(UUID.fromString(flow.get(0).message().aggregateId())))
          .compose(x -> exec(tx, "UPDATE payments SET status = $2, order_id = $3, confirmed_amount = $4, updated_at = now() "
              + "WHERE id = $1", Tuple.of(UUID.fromString(flow.get(0).message().aggregateId()), "CONFIRMED", order,
              new BigDecimal("12.34"))))
          .compose(x -> outbox(tx, flow.get(7).message(), flow.get(8).message()));
      case "ordering-commands/ordering.ApproveOrder" -> exec(tx, "SELECT version, name, payload FROM probe_order_events "
          + "WHERE order_id = $1 ORDER BY version", Tuple.of(order))
          .compose(x -> appendEvent(tx, order, 2, flow.get(10).message()))
          .compose(x -> outbox(tx, flow.get(10).message(), flow.get(11).message()));
      case "notifications-orders/ordering.OrderCreated" -> exec(tx, "SELECT order_id FROM notifications WHERE order_id = $1 "
          + "AND kind = $2", Tuple.of(order, "CREATED"))
          .compose(x -> exec(tx, "SELECT user_id, name, address FROM user_cache WHERE user_id = $1", Tuple.of("user")))
          .compose(x -> exec(tx, "INSERT INTO notifications (order_id, kind, user_id, recipient, text, sent_at) "
              + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING", Tuple.of(order, "CREATED", "user",
              "shopper@bench.mallbots.io", "Your order " + order + " was created", OffsetDateTime.now())));
      case "search-orders/ordering.OrderCreated" -> exec(tx, "INSERT INTO probe_search_orders (id, user_id, status, total, "
          + "items) VALUES ($1, $2, 'PENDING', $3, $4)", Tuple.of(order, "user", new BigDecimal("12.34"),
          new JsonArray().add(new JsonObject().put("product", "p0")).add(new JsonObject().put("product", "p1"))
              .add(new JsonObject().put("product", "p2"))));
      case "search-orders/ordering.OrderApproved" -> exec(tx, "UPDATE probe_search_orders SET status = 'APPROVED' "
          + "WHERE id = $1", Tuple.of(order));
      default -> Future.succeededFuture(); // acknowledged untouched: the inbox insert was the whole cost
    };
  }

  /** A saga reply: lock the saga, send the next step's command (if any), save where it stands. */
  private Future<Void> sagaStep(Tx tx, String order, String answered, List<Sent> flow) {
    Future<Void> locked = exec(tx, SAGA_LOCK, Tuple.of("create-order", order));
    return switch (answered) {
      case "users.AuthorizeUser" -> locked.compose(x -> outbox(tx, flow.get(6).message()))
          .compose(x -> saveSaga(tx, order, 2, "payments.ConfirmPayment", null));
      case "payments.ConfirmPayment" -> locked.compose(x -> outbox(tx, flow.get(9).message()))
          .compose(x -> saveSaga(tx, order, 3, "ordering.ApproveOrder", null));
      default -> locked.compose(x -> saveSaga(tx, order, 3, null, "COMPLETED"));
    };
  }

  private Future<Void> saveSaga(Tx tx, String order, int step, String awaiting, String outcome) {
    return exec(tx, SAGA_SAVE, Tuple.from(new Object[] {"create-order", order, step, awaiting, false, outcome, null, null}));
  }

  private Future<Void> appendEvent(Tx tx, String order, int version, Message event) {
    return exec(tx, "INSERT INTO probe_order_events (order_id, version, name, payload) VALUES ($1, $2, $3, $4)",
        Tuple.of(order, version, event.name(), Buffer.buffer(event.payload())));
  }

  private Future<Void> lockBasket(Tx tx, String basket) {
    return exec(tx, "SELECT id, user_id, status, payment_id, items FROM probe_baskets WHERE id = $1 FOR UPDATE",
        Tuple.of(UUID.fromString(basket)));
  }

  private Future<Void> outbox(Tx tx, Message... messages) {
    statements.incrementAndGet();
    // The outbox wants a unique id per row, as every fresh message has.
    return Outbox.append(tx, java.util.Arrays.stream(messages).map(m -> new Message(UUID.randomUUID().toString(),
        m.topic(), m.name(), m.version(), m.aggregateId(), m.payload(), m.metadata())).toList());
  }

  private Future<Void> exec(Tx tx, String sql, Tuple arguments) {
    statements.incrementAndGet();
    return tx.connection().preparedQuery(sql).execute(arguments).mapEmpty();
  }

  private Future<Void> tx(String service, Function<Tx, Future<Void>> work) {
    Database database = databases.of(service);
    return database.inTransaction(tx -> work.apply(tx)).onSuccess(v -> transactions.incrementAndGet());
  }
}
