package io.mallbots.stores.testing;

import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.testing.RunningService;
import io.mallbots.stores.agent.StoresVerticle;
import io.mallbots.stores.v1.StoresServiceGrpcClient;
import io.vertx.core.Vertx;

/** The stores service deployed for a test class ({@link RunningService}). */
public final class RunningStores extends RunningService<StoresVerticle> {

  private RunningStores(Vertx vertx, String schemaPrefix, String eventServer) {
    super(vertx, schemaPrefix, eventServer, StoresVerticle::new);
  }

  /**
   * On {@code vertx} (e.g. injected by {@code VertxExtension}; null for one of its own) and {@code
   * eventServer}.
   */
  public static RunningStores start(Vertx vertx, String schemaPrefix, String eventServer) {
    RunningStores service = new RunningStores(vertx, schemaPrefix, eventServer);
    service.start();
    return service;
  }

  /**
   * The settings the service runs with (its broker and event namespace), for observers of its
   * events.
   */
  public CoreSettings settings() {
    return verticle().agent().settings();
  }

  public StoresServiceGrpcClient grpc() {
    return StoresServiceGrpcClient.create(grpcClient(), grpcAddress());
  }
}
