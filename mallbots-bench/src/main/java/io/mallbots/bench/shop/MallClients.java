package io.mallbots.bench.shop;

import io.mallbots.bench.stack.MallUnderTest;
import io.mallbots.baskets.v1.BasketServiceGrpcClient;
import io.mallbots.ordering.v1.OrderingServiceGrpcClient;
import io.mallbots.payments.v1.PaymentsServiceGrpcClient;
import io.mallbots.search.v1.SearchServiceGrpcClient;
import io.mallbots.stores.v1.StoresServiceGrpcClient;
import io.mallbots.users.v1.UserServiceGrpcClient;
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
        OrderingServiceGrpcClient.create(client, mall.grpc("ordering")),
        SearchServiceGrpcClient.create(client, mall.grpc("search")));
  }
}
