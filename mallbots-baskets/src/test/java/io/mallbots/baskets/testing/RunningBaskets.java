package io.mallbots.baskets.testing;

import io.mallbots.baskets.adapters.pg.PgProducts;
import io.mallbots.baskets.adapters.pg.PgStores;
import io.mallbots.baskets.agent.BasketsVerticle;
import io.mallbots.baskets.v1.BasketServiceGrpcClient;
import io.mallbots.core.testing.RunningService;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * The baskets service deployed for a test class ({@link RunningService}), with a stand-in stores
 * service behind {@code STORES_GRPC_ENDPOINT}; the observer publishes as stores would and watches
 * what baskets publishes.
 */
public final class RunningBaskets extends RunningService<BasketsVerticle> {

  private final FakeStores stores;

  private RunningBaskets(Vertx vertx, String schemaPrefix, String eventServer) {
    super(vertx, schemaPrefix, eventServer, BasketsVerticle::new);
    stores = FakeStores.start(vertx());
    set("STORES_GRPC_ENDPOINT", stores.endpoint());
    set("STORES_GRPC_TIMEOUT_MS", "500");
    set("MESSAGE_MAX_ATTEMPTS", "3");
  }

  /** On the in-JVM broker, on a Vert.x of its own. */
  public static RunningBaskets start(String schemaPrefix) {
    return start(null, schemaPrefix, "memory");
  }

  /** On {@code eventServer}: kafka, nats or memory, on a Vert.x of its own. */
  public static RunningBaskets start(String schemaPrefix, String eventServer) {
    return start(null, schemaPrefix, eventServer);
  }

  /** On {@code vertx} (e.g. injected by {@code VertxExtension}) and {@code eventServer}. */
  public static RunningBaskets start(Vertx vertx, String schemaPrefix, String eventServer) {
    return start(vertx, schemaPrefix, eventServer, Map.of());
  }

  /**
   * On {@code vertx} and {@code eventServer}, with {@code settings} over the test defaults; not yet
   * started.
   */
  public static RunningBaskets prepare(
      Vertx vertx, String schemaPrefix, String eventServer, Map<String, String> settings) {
    RunningBaskets service = new RunningBaskets(vertx, schemaPrefix, eventServer);
    service.setAll(settings);
    return service;
  }

  /** On {@code vertx} and {@code eventServer}, with {@code settings} over the test defaults. */
  public static RunningBaskets start(
      Vertx vertx, String schemaPrefix, String eventServer, Map<String, String> settings) {
    RunningBaskets service = prepare(vertx, schemaPrefix, eventServer, settings);
    service.start();
    return service;
  }

  public BasketServiceGrpcClient grpc() {
    return BasketServiceGrpcClient.create(grpcClient(), grpcAddress());
  }

  /** The stand-in stores service baskets asks on a catalog miss. */
  public FakeStores stores() {
    return stores;
  }

  /** The service's copy of stores' products. */
  public PgProducts productCache() {
    return new PgProducts(database());
  }

  /** The service's copy of stores' store names. */
  public PgStores storeCache() {
    return new PgStores(database());
  }

  @Override
  public void close() {
    stores.close();
    super.close();
  }
}
