package io.mallbots.ordering.agent;

import io.mallbots.baskets.v1.BasketsContract;
import io.mallbots.core.agent.ServiceAgent;
import io.mallbots.core.agent.ServiceVerticle;
import io.mallbots.ordering.adapters.pg.OrderingMessages;
import io.mallbots.ordering.adapters.pg.OrdersByStatusGauge;
import io.mallbots.ordering.adapters.pg.PgOrderViews;
import io.mallbots.ordering.adapters.pg.PgOrders;
import io.mallbots.ordering.adapters.pg.PgPaymentMismatches;
import io.mallbots.ordering.adapters.pg.PgStoreOwners;
import io.mallbots.ordering.adapters.saga.CreateOrderSaga;
import io.mallbots.ordering.application.OrderingApplication;
import io.mallbots.ordering.application.StoreKeepers;
import io.mallbots.ordering.application.commands.ChangeOrderHandler;
import io.mallbots.ordering.ports.grpc.OrderingGrpcServer;
import io.mallbots.ordering.ports.handlers.OrderingCommandHandlers;
import io.mallbots.ordering.ports.handlers.OrderingEventHandlers;
import io.mallbots.ordering.ports.handlers.StoreEventHandlers;
import io.mallbots.ordering.v1.OrderingContract;
import io.mallbots.ordering.v1.OrderingServiceGrpcService;
import io.mallbots.payments.v1.PaymentsContract;
import io.mallbots.stores.v1.StoresContract;
import io.vertx.core.Future;
import java.util.Map;

/**
 * The ordering service's composition root: event-sourced orders, their read table and outbox
 * messages on the agent's database, the create-order saga, OrderingService on gRPC and the JSON
 * bridge, the subscriptions to baskets' checkouts and payments' invoices, stores' owners, the
 * saga's replies, and ordering's own saga commands.
 */
public final class OrderingVerticle extends ServiceVerticle<OrderingSettings> {

  public static final String SERVICE = "ordering";

  private OrdersByStatusGauge
      ordersByStatus; // held: the gauge's counters live as long as the service

  /** {@code overrides} win over the environment and {@code app.env} (tests, launchers). */
  public OrderingVerticle(Map<String, String> overrides) {
    super(SERVICE, overrides, OrderingSettings::from);
  }

  @Override
  protected Future<Void> wire(ServiceAgent agent, OrderingSettings settings) {
    var database = agent.database();
    var orders = new PgOrders(settings.snapshotEvery());
    var views = new PgOrderViews(database);
    var messages = new OrderingMessages();
    var saga = new CreateOrderSaga(new ChangeOrderHandler(orders, views, messages));
    var app =
        new OrderingApplication(
            database,
            orders,
            views,
            messages,
            saga,
            new PgPaymentMismatches(OrderingEventHandlers.INVOICE_GROUP),
            settings.commandAttempts());
    var keepers = new StoreKeepers(new PgStoreOwners(database));
    agent.serve(
        OrderingServiceGrpcService.SERVICE_DESCRIPTOR, new OrderingGrpcServer(app, keepers));
    ordersByStatus = new OrdersByStatusGauge(database).start(vertx);
    agent.superviseSagas(saga.orchestrator());
    var events = new OrderingEventHandlers(app);
    return Future.all(
            agent.subscribe(
                BasketsContract.BASKET_EVENTS, OrderingEventHandlers.BASKET_GROUP, events),
            agent.subscribe(
                PaymentsContract.INVOICE_EVENTS, OrderingEventHandlers.INVOICE_GROUP, events),
            agent.subscribe(
                OrderingContract.CREATE_ORDER_REPLIES,
                CreateOrderSaga.REPLY_GROUP,
                saga::handleReply),
            agent.subscribe(
                StoresContract.STORE_EVENTS,
                StoreEventHandlers.GROUP,
                new StoreEventHandlers(keepers)),
            agent.handleCommands(
                OrderingContract.COMMANDS,
                OrderingCommandHandlers.GROUP,
                new OrderingCommandHandlers(app)))
        .mapEmpty();
  }
}
