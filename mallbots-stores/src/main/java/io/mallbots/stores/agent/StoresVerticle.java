package io.mallbots.stores.agent;

import io.mallbots.core.agent.ServiceAgent;
import io.mallbots.core.agent.ServiceVerticle;
import io.mallbots.core.config.Settings;
import io.mallbots.stores.adapters.pg.PgProducts;
import io.mallbots.stores.adapters.pg.PgStores;
import io.mallbots.stores.application.StoresApplication;
import io.mallbots.stores.ports.grpc.StoresGrpcServer;
import io.mallbots.stores.v1.StoresServiceGrpcService;
import io.vertx.core.Future;
import java.util.Map;

/**
 * The stores service's composition root: the repositories (which record events in the outbox) on
 * the agent's database, the application, and StoresService on gRPC and the JSON bridge. Stores
 * consumes no messages: it only publishes.
 */
public final class StoresVerticle extends ServiceVerticle<Settings> {

  public static final String SERVICE = "stores";

  public StoresVerticle(Map<String, String> overrides) {
    super(SERVICE, overrides, settings -> settings);
  }

  @Override
  protected Future<Void> wire(ServiceAgent agent, Settings settings) {
    var database = agent.database();
    var app = new StoresApplication(database, new PgStores(database), new PgProducts(database));
    agent.serve(StoresServiceGrpcService.SERVICE_DESCRIPTOR, new StoresGrpcServer(app));
    return Future.succeededFuture();
  }
}
