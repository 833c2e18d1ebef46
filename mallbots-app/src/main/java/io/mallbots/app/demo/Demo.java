package io.mallbots.app.demo;

import io.mallbots.baskets.v1.AddItemRequest;
import io.mallbots.baskets.v1.BasketServiceGrpcClient;
import io.mallbots.baskets.v1.CheckoutBasketRequest;
import io.mallbots.baskets.v1.StartBasketRequest;
import io.mallbots.core.rpc.BearerGrpcClient;
import io.mallbots.ordering.v1.GetOrderRequest;
import io.mallbots.ordering.v1.OrderingServiceGrpcClient;
import io.mallbots.payments.v1.AuthorizePaymentRequest;
import io.mallbots.payments.v1.PaymentsServiceGrpcClient;
import io.mallbots.search.v1.SearchOrdersRequest;
import io.mallbots.search.v1.SearchServiceGrpcClient;
import io.mallbots.stores.v1.AddProductRequest;
import io.mallbots.stores.v1.CreateStoreRequest;
import io.mallbots.stores.v1.StoresServiceGrpcClient;
import io.mallbots.users.v1.LoginRequest;
import io.mallbots.users.v1.RegisterUserRequest;
import io.mallbots.users.v1.UserServiceGrpcClient;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code make demo}: one shopper's checkout against a running mall, over the services' gRPC APIs,
 * printing each step: a store with two products, a registered user, an authorized payment, a basket
 * filled and checked out, then the order's statuses as ordering reports them until the saga
 * approves it, and the order as search lists it.
 *
 * <p>Blocking ({@code await}): runs on the caller's thread, never on an event loop.
 */
public final class Demo {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 5; // bounds the error of the printed times

  private static final String PASSWORD = "correct horse battery";

  private final PrintStream out;
  private final UserServiceGrpcClient users;
  // The shopper's own clients: every call carries the token users.Login gave (needed where
  // AUTH_REQUIRED=true).
  private final StoresServiceGrpcClient stores;
  private final PaymentsServiceGrpcClient payments;
  private final BasketServiceGrpcClient baskets;
  private final OrderingServiceGrpcClient ordering;
  private final SearchServiceGrpcClient search;
  private volatile String accessToken = "";

  public Demo(GrpcClient grpc, MallEndpoints endpoints, PrintStream out) {
    this.out = out;
    this.users = UserServiceGrpcClient.create(grpc, endpoints.of("users"));
    GrpcClient shopper = new BearerGrpcClient(grpc, () -> accessToken);
    this.stores = StoresServiceGrpcClient.create(shopper, endpoints.of("stores"));
    this.payments = PaymentsServiceGrpcClient.create(shopper, endpoints.of("payments"));
    this.baskets = BasketServiceGrpcClient.create(shopper, endpoints.of("baskets"));
    this.ordering = OrderingServiceGrpcClient.create(shopper, endpoints.of("ordering"));
    this.search = SearchServiceGrpcClient.create(shopper, endpoints.of("search"));
  }

  /** What the checkout came to. */
  public record Outcome(
      String orderId, String status, long checkoutToApprovedMillis, boolean foundInSearch) {}

  public static void main(String[] args) {
    String host = System.getenv().getOrDefault("MALLBOTS_HOST", "127.0.0.1");
    MallEndpoints endpoints = MallEndpoints.of(host, System.getenv());
    List<String> missing = endpoints.unreachable();
    if (!missing.isEmpty()) {
      System.err.printf(
          "MallBots is not running: nothing answers for %s (%s). Start it with make run.%n",
          String.join(", ", missing), endpoints.of(missing.get(0)));
      System.exit(2);
    }
    Vertx vertx = Vertx.vertx();
    int status = 1;
    try {
      Outcome outcome = new Demo(GrpcClient.client(vertx), endpoints, System.out).run();
      status = outcome.status().equals("APPROVED") && outcome.foundInSearch() ? 0 : 1;
    } catch (RuntimeException e) {
      System.err.println("demo failed: " + e);
    } finally {
      vertx.close().await();
    }
    System.exit(status);
  }

  /**
   * Seeds a store and a shopper, checks out once and follows the order until it is approved or
   * rejected.
   */
  public Outcome run() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String username = "demo-" + run;
    String userId =
        users
            .registerUser(
                RegisterUserRequest.newBuilder()
                    .setUsername(username)
                    .setPassword(PASSWORD)
                    .setEmail(username + "@example.com")
                    .build())
            .await()
            .getId();
    step("user registered", username + ", id " + userId);
    accessToken =
        users
            .login(LoginRequest.newBuilder().setUsername(username).setPassword(PASSWORD).build())
            .await()
            .getAccessToken();
    step("logged in", "access token of " + accessToken.length() + " characters");

    // The shopper opens the store too (and owns it): where tokens are required, a store needs an
    // owner.
    String storeId =
        stores
            .createStore(
                CreateStoreRequest.newBuilder()
                    .setName("Robo Parts " + run)
                    .setLocation("Hall 1")
                    .build())
            .await()
            .getId();
    step("store created", "Robo Parts " + run + " in Hall 1, id " + storeId);
    String servo = addProduct(storeId, "Servo motor", "SRV-" + run, 12.50);
    String gears = addProduct(storeId, "Gear set", "GRS-" + run, 4.25);

    double total = 2 * 12.50 + 3 * 4.25;
    String paymentId =
        payments
            .authorizePayment(
                AuthorizePaymentRequest.newBuilder().setUserId(userId).setAmount(total).build())
            .await()
            .getId();
    step("payment authorized", String.format("%.2f, id %s", total, paymentId));

    String basketId =
        baskets
            .startBasket(StartBasketRequest.newBuilder().setUserId(userId).build())
            .await()
            .getId();
    step("basket started", "id " + basketId);
    addItem(basketId, servo, 2, "Servo motor");
    addItem(basketId, gears, 3, "Gear set");

    long checkedOut = System.nanoTime();
    baskets
        .checkoutBasket(
            CheckoutBasketRequest.newBuilder().setId(basketId).setPaymentId(paymentId).build())
        .await();
    step("checked out", "basket " + basketId + " with payment " + paymentId);

    String orderId =
        poll(
                "the order in search",
                () ->
                    ordersOf(userId).stream()
                        .findFirst()
                        .map(io.mallbots.search.v1.Order::getOrderId))
            .orElseThrow();
    step("order id", orderId + " (" + elapsed(checkedOut) + " ms after checkout)");

    String status = followStatus(orderId, checkedOut);
    long approvedAfter = elapsed(checkedOut);

    Optional<io.mallbots.search.v1.Order> found =
        poll(
            "the " + status + " order in search",
            () ->
                ordersOf(userId).stream()
                    .filter(
                        order ->
                            order.getOrderId().equals(orderId)
                                && order.getStatus().name().equals("ORDER_STATUS_" + status))
                    .findFirst());
    found.ifPresent(
        order ->
            step(
                "found in search",
                String.format(
                    "%s %s for %s, %d items, total %.2f",
                    order.getOrderId(),
                    status,
                    order.getUserName(),
                    order.getItemsCount(),
                    order.getTotal())));
    out.printf("%nCheckout to %s in %d ms.%n", status, approvedAfter);
    return new Outcome(orderId, status, approvedAfter, found.isPresent());
  }

  /** Prints every status ordering reports, with the time since checkout, until a terminal one. */
  private String followStatus(String orderId, long checkedOut) {
    String last = "";
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      String status =
          ordering
              .getOrder(GetOrderRequest.newBuilder().setId(orderId).build())
              .await()
              .getOrder()
              .getStatus()
              .name()
              .replace("ORDER_STATUS_", "");
      if (!status.equals(last)) {
        step("order " + status, elapsed(checkedOut) + " ms after checkout");
        last = status;
      }
      if (status.equals("APPROVED") || status.equals("REJECTED")) {
        return status;
      }
      pause();
    }
    throw new IllegalStateException(
        "order " + orderId + " still " + last + " after " + PATIENCE.toSeconds() + " s");
  }

  private String addProduct(String storeId, String name, String sku, double price) {
    String id =
        stores
            .addProduct(
                AddProductRequest.newBuilder()
                    .setStoreId(storeId)
                    .setName(name)
                    .setSku(sku)
                    .setPrice(price)
                    .build())
            .await()
            .getId();
    step("product added", String.format("%s at %.2f, id %s", name, price, id));
    return id;
  }

  private void addItem(String basketId, String productId, int quantity, String name) {
    baskets
        .addItem(
            AddItemRequest.newBuilder()
                .setId(basketId)
                .setProductId(productId)
                .setQuantity(quantity)
                .build())
        .await();
    step("item added", quantity + " x " + name);
  }

  private List<io.mallbots.search.v1.Order> ordersOf(String userId) {
    return search
        .searchOrders(
            SearchOrdersRequest.newBuilder()
                .setFilters(SearchOrdersRequest.Filters.newBuilder().setUserId(userId))
                .build())
        .await()
        .getOrdersList();
  }

  /** Asks again until the answer is there; search follows events, so it lags a little. */
  private <T> Optional<T> poll(String what, Supplier<Optional<T>> ask) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<T> answer = ask.get();
      if (answer.isPresent()) {
        return answer;
      }
      pause();
    }
    throw new IllegalStateException("no sign of " + what + " after " + PATIENCE.toSeconds() + " s");
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static long elapsed(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  private void step(String what, String detail) {
    out.printf("  %-20s %s%n", what, detail);
  }
}
