package io.mallbots.search.agent;

import io.mallbots.core.agent.ServiceAgent;
import io.mallbots.core.agent.ServiceVerticle;
import io.mallbots.core.config.Settings;
import io.mallbots.ordering.v1.OrderingContract;
import io.mallbots.search.adapters.pg.PgNames;
import io.mallbots.search.adapters.pg.PgOrders;
import io.mallbots.search.application.SearchApplication;
import io.mallbots.search.ports.grpc.SearchGrpcServer;
import io.mallbots.search.ports.handlers.SearchEventHandlers;
import io.mallbots.search.v1.SearchServiceGrpcService;
import io.mallbots.stores.v1.StoresContract;
import io.mallbots.users.v1.UsersContract;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Map;

/**
 * The search service: its API and the four subscriptions (orders, users, stores, products) keeping
 * the read model.
 */
public final class SearchVerticle extends ServiceVerticle<Settings> {

  public static final String SERVICE = "search";

  /** {@code overrides} win over the environment and {@code app.env} (tests, launchers). */
  public SearchVerticle(Map<String, String> overrides) {
    super(SERVICE, overrides, settings -> settings);
  }

  @Override
  protected Future<Void> wire(ServiceAgent agent, Settings settings) {
    var app = new SearchApplication(new PgOrders(agent.database()), new PgNames());
    agent.serve(SearchServiceGrpcService.SERVICE_DESCRIPTOR, new SearchGrpcServer(app));
    var handlers = new SearchEventHandlers(app, Clock.systemUTC());
    return Future.all(
            agent.subscribe(
                OrderingContract.ORDER_EVENTS, SearchEventHandlers.ORDER_GROUP, handlers),
            agent.subscribe(UsersContract.USER_EVENTS, SearchEventHandlers.USER_GROUP, handlers),
            agent.subscribe(StoresContract.STORE_EVENTS, SearchEventHandlers.STORE_GROUP, handlers),
            agent.subscribe(
                StoresContract.PRODUCT_EVENTS, SearchEventHandlers.PRODUCT_GROUP, handlers))
        .mapEmpty();
  }
}
