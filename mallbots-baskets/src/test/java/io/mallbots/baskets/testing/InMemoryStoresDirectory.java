package io.mallbots.baskets.testing;

import io.mallbots.baskets.application.StoresDirectory;
import io.mallbots.baskets.domain.catalog.Product;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.Store;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.core.domain.NotFound;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores as the application sees it, from maps: what it knows, how often it was asked, and whether
 * it is down.
 */
public final class InMemoryStoresDirectory implements StoresDirectory {

  private final Map<ProductId, Product> products = new ConcurrentHashMap<>();
  private final Map<StoreId, Store> stores = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile boolean down;

  public void knows(Store store) {
    stores.put(store.id(), store);
  }

  public void knows(Product product) {
    products.put(product.id(), product);
  }

  public void forgets(ProductId id) {
    products.remove(id);
  }

  public void down(boolean down) {
    this.down = down;
  }

  public int calls() {
    return calls.get();
  }

  @Override
  public Future<Product> product(ProductId id) {
    return answer(products.get(id), "no product with id " + id);
  }

  @Override
  public Future<Store> store(StoreId id) {
    return answer(stores.get(id), "no store with id " + id);
  }

  private <T> Future<T> answer(T known, String missing) {
    calls.incrementAndGet();
    if (down) {
      return Future.failedFuture(new java.net.ConnectException("stores is down"));
    }
    return known == null
        ? Future.failedFuture(new NotFound(missing))
        : Future.succeededFuture(known);
  }
}
