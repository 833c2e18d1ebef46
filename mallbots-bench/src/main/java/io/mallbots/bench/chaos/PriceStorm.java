package io.mallbots.bench.chaos;

import io.mallbots.bench.shop.MallClients;
import io.mallbots.bench.shop.MallSeed.SeededProduct;
import io.mallbots.stores.v1.DecreaseProductPriceRequest;
import io.mallbots.stores.v1.IncreaseProductPriceRequest;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A price-change storm for the books' out-of-order check: a few products get their price raised and
 * lowered several times in quick succession through stores' gRPC API, as their store keeper, so
 * their ProductPriceChanged events follow each other closely (and a consumer that applies them out
 * of order keeps a stale price, which {@link Books} finds). Each product's changes go one after
 * another (stores refuses a "decrease" to a higher price); the products run at once. A change
 * refused while stores is down is counted and skipped: the books compare with whatever price stores
 * ends with. On the caller's Vert.x context.
 */
final class PriceStorm {

  /** Cents added to the seeded price, change after change: up, down, up, down, up. */
  private static final long[] STEPS = {100, 50, 200, 150, 300, 250, 400};

  private final AtomicInteger changed = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  /**
   * Runs the storm on the first {@code products} of {@code seeded}; completes when every change was
   * answered.
   */
  Future<Void> blow(MallClients keeper, List<SeededProduct> seeded, int products) {
    return Future.join(
            seeded.stream().limit(products).map(product -> changes(keeper, product)).toList())
        .mapEmpty();
  }

  private Future<Void> changes(MallClients keeper, SeededProduct product) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < STEPS.length; i++) {
      boolean up = i % 2 == 0;
      double price = product.price().add(BigDecimal.valueOf(STEPS[i], 2)).doubleValue();
      chain =
          chain.compose(
              v -> {
                Future<?> call =
                    up
                        ? keeper
                            .stores()
                            .increaseProductPrice(
                                IncreaseProductPriceRequest.newBuilder()
                                    .setId(product.id())
                                    .setPrice(price)
                                    .build())
                        : keeper
                            .stores()
                            .decreaseProductPrice(
                                DecreaseProductPriceRequest.newBuilder()
                                    .setId(product.id())
                                    .setPrice(price)
                                    .build());
                return call.<Void>transform(
                    answer -> {
                      (answer.succeeded() ? changed : refused).incrementAndGet();
                      return Future.succeededFuture();
                    });
              });
    }
    return chain;
  }

  int changed() {
    return changed.get();
  }

  int refused() {
    return refused.get();
  }
}
