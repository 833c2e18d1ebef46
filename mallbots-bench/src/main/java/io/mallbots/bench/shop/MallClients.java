package io.mallbots.bench.shop;

import io.mallbots.bench.stack.MallUnderTest;
import io.mallbots.bench.stack.RunningMall;
import io.mallbots.baskets.v1.BasketServiceGrpcClient;
import io.mallbots.ordering.v1.OrderingServiceGrpcClient;
import io.mallbots.payments.v1.PaymentsServiceGrpcClient;
import io.mallbots.search.v1.SearchServiceGrpcClient;
import io.mallbots.stores.v1.StoresServiceGrpcClient;
import io.mallbots.users.v1.UserServiceGrpcClient;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;

/**
 * The gRPC clients a shopper uses, all over one Vert.x gRPC client (HTTP/2, one connection per service,
 * calls multiplexed), each call with a deadline.
 */
public record MallClients(UserServiceGrpcClient users, StoresServiceGrpcClient stores,
                          PaymentsServiceGrpcClient payments, BasketServiceGrpcClient baskets,
                          OrderingServiceGrpcClient ordering, SearchServiceGrpcClient search) {

  public static MallClients of(GrpcClient client, MallUnderTest mall) {
    return new MallClients(
        UserServiceGrpcClient.create(client, mall.grpc("users")),
        StoresServiceGrpcClient.create(client, mall.grpc("stores")),
        PaymentsServiceGrpcClient.create(client, mall.grpc("payments")),
        BasketServiceGrpcClient.create(client, mall.grpc("baskets")),
        OrderingServiceGrpcClient.create(client, address(mall, "ordering")),
        SearchServiceGrpcClient.create(client, mall.grpc("search")));
  }

  /** Ordering is asked only with {@code --done-by ordering}: a system without it can still be driven. */
  private static SocketAddress address(MallUnderTest mall, String service) {
    try {
      return mall.grpc(service);
    } catch (IllegalStateException notRunning) {
      return SocketAddress.inetSocketAddress(RunningMall.GRPC_PORTS.get(service), "127.0.0.1");
    }
  }
}
