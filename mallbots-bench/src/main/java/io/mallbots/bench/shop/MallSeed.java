package io.mallbots.bench.shop;

import io.mallbots.stores.v1.AddProductRequest;
import io.mallbots.stores.v1.CreateStoreRequest;
import io.mallbots.stores.v1.EnableParticipationRequest;
import io.mallbots.users.v1.RegisterUserRequest;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * What the shoppers need before they shop: participating stores with products (prices in whole cents),
 * and one registered user per shopper. Built through the public gRPC API, like a partner shop would.
 *
 * @param products every seeded product
 * @param userIds  one user per shopper
 */
public record MallSeed(List<SeededProduct> products, List<String> userIds) {

  /** A product a shopper can put in a basket. */
  public record SeededProduct(String id, String storeId, BigDecimal price) {
  }

  /** Seeds {@code stores} stores of {@code productsPerStore} products and {@code users} users. */
  public static Future<MallSeed> plant(MallClients mall, int stores, int productsPerStore, int users) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Future<List<SeededProduct>>> catalogs = IntStream.range(0, stores)
        .mapToObj(s -> store(mall, run, s, productsPerStore)).toList();
    // Registration hashes passwords (bcrypt): a few at a time keeps the worker pool from queueing up.
    Future<List<String>> registered = registerUsers(mall, run, users, 8);
    return Future.all(Future.all(catalogs), registered).map(done -> {
      List<SeededProduct> products = new ArrayList<>();
      catalogs.forEach(catalog -> products.addAll(catalog.result()));
      return new MallSeed(List.copyOf(products), registered.result());
    });
  }

  private static Future<List<SeededProduct>> store(MallClients mall, String run, int number, int products) {
    return mall.stores().createStore(CreateStoreRequest.newBuilder().setName("Bench store " + run + "-" + number)
            .setLocation("Aisle " + number).build())
        .compose(created -> mall.stores().enableParticipation(EnableParticipationRequest.newBuilder()
            .setId(created.getId()).build()).map(created.getId()))
        .compose(storeId -> Future.all(IntStream.range(0, products).mapToObj(p -> {
          BigDecimal price = BigDecimal.valueOf(100 + 37L * p + 11L * number, 2); // 1.00, 1.37, ... exact cents
          return mall.stores().addProduct(AddProductRequest.newBuilder().setStoreId(storeId)
                  .setName("Bench product " + number + "-" + p).setSku("BENCH-" + number + "-" + p)
                  .setPrice(price.doubleValue()).build())
              .map(added -> new SeededProduct(added.getId(), storeId, price));
        }).toList()).map(all -> all.<SeededProduct>list()));
  }

  private static Future<List<String>> registerUsers(MallClients mall, String run, int users, int atOnce) {
    List<String> ids = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int start = 0; start < users; start += atOnce) {
      int from = start;
      int to = Math.min(users, start + atOnce);
      chain = chain.compose(v -> Future.all(IntStream.range(from, to).mapToObj(u -> mall.users().registerUser(
              RegisterUserRequest.newBuilder().setUsername("shopper-" + run + "-" + u).setPassword("shopping-" + run)
                  .setEmail("shopper-" + run + "-" + u + "@bench.mallbots.io").build())).toList())
          .map(all -> {
            all.list().forEach(r -> ids.add(((io.mallbots.users.v1.RegisterUserResponse) r).getId()));
            return null;
          }));
    }
    return chain.map(v -> List.copyOf(ids));
  }
}
