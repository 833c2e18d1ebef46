package io.mallbots.bench.shop;

import io.mallbots.stores.v1.AddProductRequest;
import io.mallbots.stores.v1.CreateStoreRequest;
import io.mallbots.stores.v1.EnableParticipationRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * What the shoppers need before they shop: participating stores with products (prices in whole
 * cents), and one registered user per shopper. Built through the public gRPC API, like a partner
 * shop would.
 *
 * <p>Where the mall requires access tokens it goes as real clients do: a store keeper registers,
 * logs in and opens the stores (a store belongs to whoever opened it, and only they may stock it),
 * and every shopper registers and logs in, so that each one's calls carry their own token. In dev
 * mode nobody logs in.
 *
 * @param products every seeded product
 * @param shoppers one per shopper
 * @param sessions the logins of the run, empty in dev mode; {@link #logOut} ends them
 * @param keeper the store keeper's clients (who may change the seeded products' prices)
 */
public record MallSeed(
    List<SeededProduct> products,
    List<Shopper> shoppers,
    List<LoginSession> sessions,
    MallClients keeper) {

  /** A product a shopper can put in a basket. */
  public record SeededProduct(String id, String storeId, BigDecimal price) {}

  /**
   * Seeds {@code stores} stores of {@code productsPerStore} products and {@code users} shoppers.
   *
   * @param logIn whether the mall requires access tokens: the store keeper and the shoppers log in
   */
  public static Future<MallSeed> plant(
      Vertx vertx, MallClients mall, int stores, int productsPerStore, int users, boolean logIn) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Accounts accounts = new Accounts(vertx, mall, "shopping-" + run, logIn);
    Future<MallClients> keeper =
        logIn ? accounts.open("keeper-" + run).map(Shopper::mall) : Future.succeededFuture(mall);
    Future<List<SeededProduct>> catalog =
        keeper.compose(
            keepersMall ->
                Future.all(
                        IntStream.range(0, stores)
                            .mapToObj(s -> store(keepersMall, run, s, productsPerStore))
                            .toList())
                    .map(
                        all ->
                            all.<List<SeededProduct>>list().stream()
                                .flatMap(List::stream)
                                .toList()));
    // Registering and logging in hash and check passwords (bcrypt): a few at a time keeps the
    // worker pool from queueing up.
    Future<List<Shopper>> shoppers = shoppers(accounts, run, users, 8);
    return Future.all(catalog, shoppers)
        .map(
            done ->
                new MallSeed(
                    catalog.result(), shoppers.result(), accounts.sessions(), keeper.result()));
  }

  /** Ends the run's logins: no session renews its token any more. */
  public void logOut() {
    sessions.forEach(LoginSession::close);
  }

  private static Future<List<SeededProduct>> store(
      MallClients mall, String run, int number, int products) {
    return mall.stores()
        .createStore(
            CreateStoreRequest.newBuilder()
                .setName("Bench store " + run + "-" + number)
                .setLocation("Aisle " + number)
                .build())
        .compose(
            created ->
                mall.stores()
                    .enableParticipation(
                        EnableParticipationRequest.newBuilder().setId(created.getId()).build())
                    .map(created.getId()))
        .compose(
            storeId ->
                Future.all(
                        IntStream.range(0, products)
                            .mapToObj(
                                p -> {
                                  BigDecimal price =
                                      BigDecimal.valueOf(
                                          100 + 37L * p + 11L * number,
                                          2); // 1.00, 1.37, ... exact cents
                                  return mall.stores()
                                      .addProduct(
                                          AddProductRequest.newBuilder()
                                              .setStoreId(storeId)
                                              .setName("Bench product " + number + "-" + p)
                                              .setSku("BENCH-" + number + "-" + p)
                                              .setPrice(price.doubleValue())
                                              .build())
                                      .map(
                                          added ->
                                              new SeededProduct(added.getId(), storeId, price));
                                })
                            .toList())
                    .map(all -> all.<SeededProduct>list()));
  }

  private static Future<List<Shopper>> shoppers(
      Accounts accounts, String run, int users, int atOnce) {
    List<Shopper> shoppers = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int start = 0; start < users; start += atOnce) {
      int from = start;
      int to = Math.min(users, start + atOnce);
      chain =
          chain.compose(
              v ->
                  Future.all(
                          IntStream.range(from, to)
                              .mapToObj(u -> accounts.open("shopper-" + run + "-" + u))
                              .toList())
                      .map(
                          all -> {
                            shoppers.addAll(all.<Shopper>list());
                            return null;
                          }));
    }
    return chain.map(v -> List.copyOf(shoppers));
  }
}
