package io.mallbots.baskets.agent;

import io.mallbots.baskets.adapters.grpc.GrpcStoresDirectory;
import io.mallbots.baskets.adapters.pg.PgBaskets;
import io.mallbots.baskets.adapters.pg.PgProducts;
import io.mallbots.baskets.adapters.pg.PgStores;
import io.mallbots.baskets.application.BasketsApplication;
import io.mallbots.baskets.ports.grpc.BasketsGrpcServer;
import io.mallbots.baskets.ports.handlers.BasketsEventHandlers;
import io.mallbots.baskets.v1.BasketServiceGrpcService;
import io.mallbots.core.agent.ServiceAgent;
import io.mallbots.core.agent.ServiceVerticle;
import io.mallbots.stores.v1.StoresContract;
import io.vertx.core.Future;
import java.util.Map;

/**
 * The baskets service's composition root: repositories (which record the baskets' events in the
 * outbox) and the catalog copy on the agent's database, stores' gRPC API for catalog misses,
 * BasketService on gRPC and the JSON bridge, and the subscriptions to stores' product and store
 * events that keep the catalog copy.
 */
public final class BasketsVerticle extends ServiceVerticle<BasketsSettings> {

  public static final String SERVICE = "baskets";

  /** {@code overrides} win over the environment and {@code app.env} (tests, launchers). */
  public BasketsVerticle(Map<String, String> overrides) {
    super(SERVICE, overrides, BasketsSettings::from);
  }

  @Override
  protected Future<Void> wire(ServiceAgent agent, BasketsSettings settings) {
    var database = agent.database();
    var app =
        new BasketsApplication(
            database,
            new PgBaskets(database),
            new PgProducts(database),
            new PgStores(database),
            new GrpcStoresDirectory(agent.grpcClient(settings.storesTimeout()), settings.stores()));
    agent.serve(BasketServiceGrpcService.SERVICE_DESCRIPTOR, new BasketsGrpcServer(app));
    var handlers = new BasketsEventHandlers(app);
    return Future.all(
            agent.subscribe(
                StoresContract.PRODUCT_EVENTS, BasketsEventHandlers.PRODUCT_GROUP, handlers),
            agent.subscribe(
                StoresContract.STORE_EVENTS, BasketsEventHandlers.STORE_GROUP, handlers))
        .mapEmpty();
  }
}
