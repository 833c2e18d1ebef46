package io.mallbots.baskets.agent;

import io.mallbots.core.config.Settings;
import io.mallbots.core.rpc.RpcClients;
import io.vertx.core.net.SocketAddress;

/**
 * The baskets service's own settings (the rest are in {@code CoreSettings}). Built once at start; a
 * bad value fails the start with a message naming the variable.
 *
 * @param stores {@code STORES_GRPC_ENDPOINT}: stores' gRPC address, asked when the catalog copy
 *     misses; a comma separated list for several instances ({@code RpcEndpoints}, balanced by the
 *     client)
 * @param storesTimeout {@code STORES_GRPC_TIMEOUT_MS}: deadline of each call to stores
 */
public record BasketsSettings(SocketAddress stores, int storesTimeout) {

  public static BasketsSettings from(Settings settings) {
    int timeout = settings.integer("STORES_GRPC_TIMEOUT_MS", 2000);
    if (timeout < 1) {
      throw new IllegalArgumentException(
          "STORES_GRPC_TIMEOUT_MS must be at least 1, got " + timeout);
    }
    return new BasketsSettings(
        RpcClients.address("STORES_GRPC_ENDPOINT", settings.required("STORES_GRPC_ENDPOINT")),
        timeout);
  }
}
