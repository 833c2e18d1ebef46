package io.mallbots.search.agent;

import io.mallbots.core.agent.ServiceAgent;
import io.mallbots.core.agent.ServiceVerticle;
import io.mallbots.core.config.Settings;
import io.mallbots.search.adapters.pg.PgNames;
import io.mallbots.search.adapters.pg.PgOrders;
import io.mallbots.search.application.SearchApplication;
import io.mallbots.search.ports.grpc.SearchGrpcServer;
import io.mallbots.search.ports.handlers.SearchEventHandlers;
import io.mallbots.search.v1.SearchServiceGrpcService;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Map;

/** The search service: its API and the four subscriptions (orders, users, stores, products) keeping the read model. */
public final class SearchVerticle extends ServiceVerticle {

  public static final String SERVICE = "search";

  /** {@code overrides} win over the environment and {@code app.env} (tests, launchers). */
  public SearchVerticle(Map<String, String> overrides) {
    super(SERVICE, overrides);
  }

  @Override
  protected Future<Void> wire(ServiceAgent agent, Settings settings) {
    var app = new SearchApplication(new PgOrders(agent.database()), new PgNames());
    agent.serve(SearchServiceGrpcService.SERVICE_DESCRIPTOR, new SearchGrpcServer(app));
    var handlers = new SearchEventHandlers(app, Clock.systemUTC());
    return Future.all(
        agent.subscribe(SearchEventHandlers.ORDER_TOPIC, SearchEventHandlers.ORDER_GROUP, handlers),
        agent.subscribe(SearchEventHandlers.USER_TOPIC, SearchEventHandlers.USER_GROUP, handlers),
        agent.subscribe(SearchEventHandlers.STORE_TOPIC, SearchEventHandlers.STORE_GROUP, handlers),
        agent.subscribe(SearchEventHandlers.PRODUCT_TOPIC, SearchEventHandlers.PRODUCT_GROUP, handlers))
        .mapEmpty();
  }
}
