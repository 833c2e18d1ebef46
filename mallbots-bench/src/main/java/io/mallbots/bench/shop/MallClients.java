package io.mallbots.bench.shop;

import io.mallbots.baskets.v1.BasketServiceGrpcClient;
import io.mallbots.bench.stack.MallUnderTest;
import io.mallbots.core.config.StandardPorts;
import io.mallbots.core.rpc.BearerGrpcClient;
import io.mallbots.ordering.v1.OrderingServiceGrpcClient;
import io.mallbots.payments.v1.PaymentsServiceGrpcClient;
import io.mallbots.search.v1.SearchServiceGrpcClient;
import io.mallbots.stores.v1.StoresServiceGrpcClient;
import io.mallbots.users.v1.UserServiceGrpcClient;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The gRPC clients a shopper uses, all over one Vert.x gRPC client (HTTP/2, one connection per
 * service, calls multiplexed), each call with a deadline. {@link #bearing} gives a logged-in user
 * clients of their own that still share those connections: only the {@code authorization} header
 * differs.
 */
public final class MallClients {

  private final GrpcClient anonymous;
  private final Function<String, SocketAddress> where;
  private final UserServiceGrpcClient users;
  private final StoresServiceGrpcClient stores;
  private final PaymentsServiceGrpcClient payments;
  private final BasketServiceGrpcClient baskets;
  private final OrderingServiceGrpcClient ordering;
  private final SearchServiceGrpcClient search;

  private MallClients(
      GrpcClient anonymous, GrpcClient client, Function<String, SocketAddress> where) {
    this.anonymous = anonymous;
    this.where = where;
    this.users = UserServiceGrpcClient.create(client, where.apply("users"));
    this.stores = StoresServiceGrpcClient.create(client, where.apply("stores"));
    this.payments = PaymentsServiceGrpcClient.create(client, where.apply("payments"));
    this.baskets = BasketServiceGrpcClient.create(client, where.apply("baskets"));
    this.ordering = OrderingServiceGrpcClient.create(client, where.apply("ordering"));
    this.search = SearchServiceGrpcClient.create(client, where.apply("search"));
  }

  /** Clients without a token (registering and logging in need none; dev mode needs none at all). */
  public static MallClients of(GrpcClient client, MallUnderTest mall) {
    return at(client, service -> service.equals("ordering") ? ordering(mall) : mall.grpc(service));
  }

  /** Clients without a token, for the services at {@code where} (service name to gRPC address). */
  public static MallClients at(GrpcClient client, Function<String, SocketAddress> where) {
    return new MallClients(client, client, where);
  }

  /**
   * The same services, every call carrying the token {@code token} gives at that moment (it may be
   * renewed).
   */
  public MallClients bearing(Supplier<String> token) {
    return new MallClients(anonymous, new BearerGrpcClient(anonymous, token), where);
  }

  public UserServiceGrpcClient users() {
    return users;
  }

  public StoresServiceGrpcClient stores() {
    return stores;
  }

  public PaymentsServiceGrpcClient payments() {
    return payments;
  }

  public BasketServiceGrpcClient baskets() {
    return baskets;
  }

  public OrderingServiceGrpcClient ordering() {
    return ordering;
  }

  public SearchServiceGrpcClient search() {
    return search;
  }

  /**
   * Ordering is asked only with {@code --done-by ordering}: a system without it can still be
   * driven.
   */
  private static SocketAddress ordering(MallUnderTest mall) {
    try {
      return mall.grpc("ordering");
    } catch (IllegalStateException notRunning) {
      return SocketAddress.inetSocketAddress(StandardPorts.grpc("ordering"), "127.0.0.1");
    }
  }
}
