package io.mallbots.baskets.application;

import io.mallbots.baskets.application.commands.AddItem;
import io.mallbots.baskets.application.commands.CancelBasket;
import io.mallbots.baskets.application.commands.CheckoutBasket;
import io.mallbots.baskets.application.commands.ForgetProduct;
import io.mallbots.baskets.application.commands.RememberProduct;
import io.mallbots.baskets.application.commands.RememberStore;
import io.mallbots.baskets.application.commands.RemoveItem;
import io.mallbots.baskets.application.commands.RenameProduct;
import io.mallbots.baskets.application.commands.RepriceProduct;
import io.mallbots.baskets.application.commands.StartBasket;
import io.mallbots.baskets.application.queries.GetBasket;
import io.mallbots.baskets.domain.basket.Basket;
import io.mallbots.baskets.domain.basket.BasketEvent;
import io.mallbots.baskets.domain.basket.BasketId;
import io.mallbots.baskets.domain.catalog.Product;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.Store;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.core.async.Futures;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.db.Versions;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.NotFound;
import io.vertx.core.Future;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The baskets service's use cases. A basket change locks the basket in a transaction, applies the
 * domain rule and saves it with the events it raised in that same transaction. AddItem takes the
 * product and its store from the local copy of stores' catalog, else from stores over gRPC (then
 * copied) before the basket transaction opens, so no lock is held while stores answers. Stores'
 * events keep the copy; they are applied inside the message's transaction. Called on the service
 * verticle's event loop; never blocks.
 */
public final class BasketsApplication {

  private final Database database;
  private final Baskets baskets;
  private final Products products;
  private final Stores stores;
  private final StoresDirectory directory;

  public BasketsApplication(
      Database database,
      Baskets baskets,
      Products products,
      Stores stores,
      StoresDirectory directory) {
    this.database = database;
    this.baskets = baskets;
    this.products = products;
    this.stores = stores;
    this.directory = directory;
  }

  public Future<BasketId> startBasket(StartBasket command) {
    return Futures.attempt(() -> Basket.start(BasketId.random(), command.userId(), command.actor()))
        .compose(
            started ->
                database.inTransaction(
                    tx -> baskets.add(tx, started).map(started.aggregate().id())));
  }

  public Future<Void> addItem(AddItem command) {
    return product(command.productId())
        .compose(
            product ->
                store(product.storeId())
                    .compose(
                        store ->
                            changeItems(
                                command.basketId(),
                                basket ->
                                    basket
                                        .actedOnBy(command.actor())
                                        .add(product, store, command.quantity()))));
  }

  public Future<Void> removeItem(RemoveItem command) {
    return changeItems(
        command.basketId(),
        basket ->
            basket.actedOnBy(command.actor()).remove(command.productId(), command.quantity()));
  }

  public Future<Void> cancelBasket(CancelBasket command) {
    return change(command.basketId(), basket -> basket.actedOnBy(command.actor()).cancel());
  }

  public Future<Void> checkoutBasket(CheckoutBasket command) {
    return change(
        command.basketId(),
        basket -> basket.actedOnBy(command.actor()).checkout(command.paymentId()));
  }

  public Future<Basket> getBasket(GetBasket query) {
    return baskets
        .find(query.basketId())
        .map(
            found ->
                found
                    .orElseThrow(() -> Baskets.notFound(query.basketId()))
                    .actedOnBy(query.actor()));
  }

  /** ProductAdded: a copy from stores' API may be there already, and is as recent. */
  public Future<Void> rememberProduct(Tx tx, RememberProduct command) {
    return products.add(tx, command.product(), command.version());
  }

  public Future<Void> renameProduct(Tx tx, RenameProduct command) {
    return products.rename(tx, command.productId(), command.name(), command.version());
  }

  /**
   * The price applies unless the copy holds a newer one. An unknown product's price is kept
   * (partial) when the event has a version, so its late ProductAdded does not bring an older price
   * back; without one it is not kept, and stores will be asked for it, price included, when needed.
   */
  public Future<Void> repriceProduct(Tx tx, RepriceProduct command) {
    return products.reprice(tx, command.productId(), command.price(), command.version());
  }

  public Future<Void> forgetProduct(Tx tx, ForgetProduct command) {
    return products.remove(tx, command.productId(), command.version());
  }

  /** StoreCreated: a copy from stores' API may be there already, and is as recent. */
  public Future<Void> rememberStore(Tx tx, RememberStore command) {
    return stores.add(tx, command.store(), command.version());
  }

  /**
   * StoreRebranded: the event carries all baskets keeps of a store, so it replaces (unless the copy
   * is newer) or creates the copy.
   */
  public Future<Void> renameStore(Tx tx, RememberStore command) {
    return stores.put(tx, command.store(), command.version());
  }

  private Future<Product> product(ProductId id) {
    return products
        .find(id)
        .compose(
            cached ->
                cached.isPresent()
                    ? Future.succeededFuture(cached.get())
                    : products
                        .removed(id)
                        .compose(
                            removed ->
                                removed
                                    ? Future.failedFuture(
                                        new NotFound(
                                            "PRODUCT_NOT_FOUND",
                                            "product " + id + " was removed from its store"))
                                    : directory
                                        .product(id)
                                        .compose(
                                            fetched ->
                                                database
                                                    .inTransaction(
                                                        tx ->
                                                            products.add(
                                                                tx, fetched, Versions.UNKNOWN))
                                                    .map(fetched))));
  }

  private Future<Store> store(StoreId id) {
    return stores
        .find(id)
        .compose(
            cached ->
                cached.isPresent()
                    ? Future.succeededFuture(cached.get())
                    : directory
                        .store(id)
                        .compose(
                            fetched ->
                                database
                                    .inTransaction(tx -> stores.add(tx, fetched, Versions.UNKNOWN))
                                    .map(fetched)));
  }

  // Item rules raise no event: the basket is saved silently.
  private Future<Void> changeItems(BasketId id, UnaryOperator<Basket> rule) {
    return change(id, basket -> Changed.silently(rule.apply(basket)));
  }

  // A rule that refuses throws inside compose, which fails the transaction's future.
  private Future<Void> change(BasketId id, Function<Basket, Changed<Basket, BasketEvent>> rule) {
    return database.inTransaction(
        tx -> baskets.lock(tx, id).compose(locked -> baskets.save(tx, locked, rule.apply(locked))));
  }
}
