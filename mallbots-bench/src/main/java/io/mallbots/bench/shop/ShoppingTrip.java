package io.mallbots.bench.shop;

import io.mallbots.baskets.v1.AddItemRequest;
import io.mallbots.baskets.v1.Basket;
import io.mallbots.baskets.v1.CheckoutBasketRequest;
import io.mallbots.baskets.v1.GetBasketRequest;
import io.mallbots.baskets.v1.StartBasketRequest;
import io.mallbots.bench.shop.MallSeed.SeededProduct;
import io.mallbots.bench.shop.OrderWatcher.FollowedOrder;
import io.mallbots.bench.shop.OrderWatcher.OrderRejectedException;
import io.mallbots.payments.v1.AuthorizePaymentRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.InvalidStatusException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * One shopper's order, as a checkout page goes: start a basket, add three products, look at the
 * basket, authorize a payment for the total it shows (a price storm may have changed the seeded
 * prices), check out, then wait until the order shows as APPROVED (in search, or in ordering with
 * {@code doneBy=ordering}). Every call, the approval checks included, goes through the shopper's
 * own clients, so it carries their token where the mall requires one. Runs on the driving context;
 * never blocks.
 */
public final class ShoppingTrip {

  /** Products per basket. */
  public static final int ITEMS = 3;

  private final Vertx vertx;
  private final OrderWatcher watcher;
  private final List<SeededProduct> products;
  private final Duration approvalTimeout;
  private final ApprovalCheck approvalCheck;
  private final Consumer<String> accepted;

  public ShoppingTrip(
      Vertx vertx,
      OrderWatcher watcher,
      List<SeededProduct> products,
      Duration approvalTimeout,
      String doneBy) {
    this(vertx, watcher, products, approvalTimeout, doneBy, paymentId -> {});
  }

  /**
   * @param accepted told the payment id of each checkout that baskets accepted (CheckoutBasket
   *     returned OK): from then on the mall owes that shopper an order that ends approved or
   *     rejected
   */
  public ShoppingTrip(
      Vertx vertx,
      OrderWatcher watcher,
      List<SeededProduct> products,
      Duration approvalTimeout,
      String doneBy,
      Consumer<String> accepted) {
    this.accepted = accepted;
    this.vertx = vertx;
    this.watcher = watcher;
    this.products = products;
    this.approvalTimeout = approvalTimeout;
    this.approvalCheck = doneBy.equals("ordering") ? ApprovalCheck.ORDERING : ApprovalCheck.SEARCH;
  }

  /**
   * When the checkout was sent and when the order was seen approved ({@link System#nanoTime()}).
   */
  public record Timing(long checkoutNanos, long approvedNanos) {}

  /**
   * A trip that did not end approved; {@link #kind()} says where and why, e.g. {@code AddItem:
   * NOT_FOUND}.
   */
  public static final class TripFailure extends RuntimeException {

    private final String kind;

    public TripFailure(String kind, Throwable cause) {
      super(kind, cause, false, false);
      this.kind = kind;
    }

    public String kind() {
      return kind;
    }
  }

  /**
   * Shops order number {@code n} for {@code shopper}, every call as them (with their token, if
   * any).
   */
  public Future<Timing> shop(Shopper shopper, long n) {
    List<SeededProduct> basket = pick(n);
    MallClients mall = shopper.mall();
    return step(
            "StartBasket",
            mall.baskets()
                .startBasket(StartBasketRequest.newBuilder().setUserId(shopper.userId()).build()))
        .compose(started -> addItems(mall, started.getId(), basket, 0))
        .compose(
            basketId ->
                step(
                        "GetBasket",
                        mall.baskets()
                            .getBasket(GetBasketRequest.newBuilder().setId(basketId).build()))
                    .compose(
                        shown ->
                            step(
                                "AuthorizePayment",
                                mall.payments()
                                    .authorizePayment(
                                        AuthorizePaymentRequest.newBuilder()
                                            .setUserId(shopper.userId())
                                            .setAmount(total(shown.getBasket()).doubleValue())
                                            .build())))
                    .compose(payment -> checkout(mall, basketId, payment.getId())));
  }

  /**
   * What the basket says it costs: each price as it was when the item went in, which is what the
   * order will charge even if the store changed the price since.
   */
  private static BigDecimal total(Basket basket) {
    return basket.getItemsList().stream()
        .map(
            item ->
                BigDecimal.valueOf(item.getProductPrice())
                    .setScale(2, RoundingMode.HALF_EVEN)
                    .multiply(BigDecimal.valueOf(item.getQuantity())))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private Future<String> addItems(
      MallClients mall, String basketId, List<SeededProduct> basket, int index) {
    if (index == basket.size()) {
      return Future.succeededFuture(basketId);
    }
    return step(
            "AddItem",
            mall.baskets()
                .addItem(
                    AddItemRequest.newBuilder()
                        .setId(basketId)
                        .setProductId(basket.get(index).id())
                        .setQuantity(1)
                        .build()))
        .compose(added -> addItems(mall, basketId, basket, index + 1));
  }

  private Future<Timing> checkout(MallClients mall, String basketId, String paymentId) {
    FollowedOrder order = watcher.follow(paymentId);
    long checkoutNanos = System.nanoTime();
    Promise<Timing> done = Promise.promise();
    long timer =
        vertx.setTimer(
            approvalTimeout.toMillis(),
            id -> done.tryFail(new TripFailure("approval: timeout", null)));
    step(
            "CheckoutBasket",
            mall.baskets()
                .checkoutBasket(
                    CheckoutBasketRequest.newBuilder()
                        .setId(basketId)
                        .setPaymentId(paymentId)
                        .build()))
        .onSuccess(checkedOut -> accepted.accept(paymentId))
        .compose(
            checkedOut ->
                order
                    .approved()
                    .recover(
                        failure ->
                            Future.failedFuture(
                                failure instanceof OrderRejectedException rejected
                                    ? new TripFailure(
                                        "approval: rejected " + rejected.code(), rejected)
                                    : failure)))
        .compose(orderId -> confirmed(mall, orderId, done.future(), 1))
        .onComplete(
            result -> {
              vertx.cancelTimer(timer);
              watcher.forget(paymentId);
              if (result.succeeded()) {
                done.tryComplete(new Timing(checkoutNanos, System.nanoTime()));
              } else {
                done.tryFail(result.cause());
              }
            });
    return done.future();
  }

  /**
   * Asks until the read side says APPROVED: at once, then after 1, 2, 4 and at most 8 ms. The
   * shopper asks about their own order, with their own token: search and ordering show a shopper
   * only their own orders.
   */
  private Future<Void> confirmed(
      MallClients mall, String orderId, Future<Timing> gaveUp, long waitMillis) {
    if (gaveUp.isComplete()) {
      return Future.failedFuture(new TripFailure("approval: timeout", null));
    }
    return approvalCheck
        .status(mall, orderId)
        .transform(
            asked -> {
              if (asked.succeeded() && asked.result() == ApprovalCheck.Status.APPROVED) {
                return Future.succeededFuture();
              }
              if (asked.succeeded() && asked.result() == ApprovalCheck.Status.FINAL_OTHER) {
                return Future.failedFuture(
                    new TripFailure(approvalCheck.name() + ": not approved", null));
              }
              boolean down = asked.failed() && ApprovalCheck.down(asked.cause());
              if (asked.failed() && !down && !ApprovalCheck.notYetSeen(asked.cause())) {
                return Future.failedFuture(
                    failure(approvalCheck.name() + ".GetOrder", asked.cause()));
              }
              // A service that is down (restarting, its database cut) is asked again later, not
              // every few ms.
              long wait = down ? 100 : waitMillis;
              Promise<Void> later = Promise.promise();
              vertx.setTimer(
                  wait,
                  id ->
                      confirmed(mall, orderId, gaveUp, Math.min(8, waitMillis * 2))
                          .onComplete(later));
              return later.future();
            });
  }

  private List<SeededProduct> pick(long n) {
    int size = products.size();
    int first = (int) Math.floorMod(n * 7919L, (long) size);
    return java.util.stream.IntStream.range(0, Math.min(ITEMS, size))
        .mapToObj(i -> products.get((first + i * Math.max(1, size / ITEMS)) % size))
        .distinct()
        .toList();
  }

  private static <T> Future<T> step(String rpc, Future<T> call) {
    return call.recover(failure -> Future.failedFuture(failure(rpc, failure)));
  }

  static TripFailure failure(String where, Throwable failure) {
    if (failure instanceof TripFailure trip) {
      return trip;
    }
    if (failure instanceof InvalidStatusException status) {
      return new TripFailure(where + ": " + status.actualStatus().name(), failure);
    }
    return new TripFailure(where + ": " + failure.getClass().getSimpleName(), failure);
  }

  /**
   * How the benchmark asks whether an order is approved: search's read model or ordering itself.
   */
  interface ApprovalCheck {

    enum Status {
      APPROVED,
      NOT_YET,
      FINAL_OTHER
    }

    String name();

    /** What {@code asking} (the shopper's clients) learns about order {@code orderId}. */
    Future<Status> status(MallClients asking, String orderId);

    static boolean notYetSeen(Throwable failure) {
      return failure instanceof InvalidStatusException status
          && status.actualStatus() == io.vertx.grpc.common.GrpcStatus.NOT_FOUND;
    }

    /**
     * The service asked is down for now (make chaos restarts it): ask again, the order is still
     * owed.
     */
    static boolean down(Throwable failure) {
      return failure instanceof InvalidStatusException status
              && status.actualStatus() == io.vertx.grpc.common.GrpcStatus.UNAVAILABLE
          || failure instanceof java.net.ConnectException
          || failure instanceof io.vertx.core.http.HttpClosedException
          || failure instanceof io.vertx.core.http.StreamResetException;
    }

    ApprovalCheck SEARCH =
        of(
            "search",
            (mall, id) ->
                mall.search()
                    .getOrder(io.mallbots.search.v1.GetOrderRequest.newBuilder().setId(id).build())
                    .map(
                        response ->
                            switch (response.getOrder().getStatus()) {
                              case ORDER_STATUS_APPROVED,
                                  ORDER_STATUS_READY,
                                  ORDER_STATUS_COMPLETED ->
                                  Status.APPROVED;
                              case ORDER_STATUS_REJECTED, ORDER_STATUS_CANCELED ->
                                  Status.FINAL_OTHER;
                              default -> Status.NOT_YET;
                            }));

    ApprovalCheck ORDERING =
        of(
            "ordering",
            (mall, id) ->
                mall.ordering()
                    .getOrder(
                        io.mallbots.ordering.v1.GetOrderRequest.newBuilder().setId(id).build())
                    .map(
                        response ->
                            switch (response.getOrder().getStatus()) {
                              case ORDER_STATUS_APPROVED,
                                  ORDER_STATUS_READY,
                                  ORDER_STATUS_COMPLETED ->
                                  Status.APPROVED;
                              case ORDER_STATUS_REJECTED, ORDER_STATUS_CANCELED ->
                                  Status.FINAL_OTHER;
                              default -> Status.NOT_YET;
                            }));

    private static ApprovalCheck of(
        String name, BiFunction<MallClients, String, Future<Status>> ask) {
      return new ApprovalCheck() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public Future<Status> status(MallClients asking, String orderId) {
          return ask.apply(asking, orderId);
        }
      };
    }
  }
}
