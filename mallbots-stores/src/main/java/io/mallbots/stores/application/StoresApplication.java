package io.mallbots.stores.application;

import io.mallbots.core.async.Futures;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Changed;
import io.mallbots.stores.application.commands.AddProduct;
import io.mallbots.stores.application.commands.CreateStore;
import io.mallbots.stores.application.commands.DecreaseProductPrice;
import io.mallbots.stores.application.commands.DisableParticipation;
import io.mallbots.stores.application.commands.EnableParticipation;
import io.mallbots.stores.application.commands.IncreaseProductPrice;
import io.mallbots.stores.application.commands.RebrandProduct;
import io.mallbots.stores.application.commands.RebrandStore;
import io.mallbots.stores.application.commands.RemoveProduct;
import io.mallbots.stores.application.queries.GetCatalog;
import io.mallbots.stores.application.queries.GetParticipatingStores;
import io.mallbots.stores.application.queries.GetProduct;
import io.mallbots.stores.application.queries.GetStore;
import io.mallbots.stores.application.queries.GetStores;
import io.mallbots.stores.domain.product.Product;
import io.mallbots.stores.domain.product.ProductEvent;
import io.mallbots.stores.domain.product.ProductId;
import io.mallbots.stores.domain.store.Store;
import io.mallbots.stores.domain.store.StoreEvent;
import io.mallbots.stores.domain.store.StoreId;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/**
 * The stores service's use cases. Each command loads its aggregate in a transaction (locked),
 * applies the domain rule and saves the result with the events it raised in that same transaction.
 * Queries read outside transactions. Called on the event loop of the caller; never blocks.
 */
public final class StoresApplication {

  private final Database database;
  private final Stores stores;
  private final Products products;

  public StoresApplication(Database database, Stores stores, Products products) {
    this.database = database;
    this.stores = stores;
    this.products = products;
  }

  public Future<StoreId> createStore(CreateStore command) {
    return Futures.attempt(
            () ->
                Store.create(
                    StoreId.random(),
                    command.name(),
                    command.location(),
                    command.ownerId(),
                    command.actor()))
        .compose(
            created ->
                database.inTransaction(
                    tx -> stores.add(tx, created).map(created.aggregate().id())));
  }

  public Future<Void> enableParticipation(EnableParticipation command) {
    return changeStore(
        command.storeId(), store -> store.managedBy(command.actor()).enableParticipation());
  }

  public Future<Void> disableParticipation(DisableParticipation command) {
    return changeStore(
        command.storeId(), store -> store.managedBy(command.actor()).disableParticipation());
  }

  public Future<Void> rebrandStore(RebrandStore command) {
    return changeStore(
        command.storeId(), store -> store.managedBy(command.actor()).rebrand(command.name()));
  }

  public Future<ProductId> addProduct(AddProduct command) {
    return Futures.attempt(
            () ->
                Product.add(
                    ProductId.random(),
                    command.storeId(),
                    command.name(),
                    command.description(),
                    command.sku(),
                    command.price()))
        // Locking the store checks it exists (NotFound otherwise) and holds it until the product is
        // in.
        .compose(
            added ->
                database.inTransaction(
                    tx ->
                        stores
                            .lock(tx, command.storeId())
                            .map(store -> store.managedBy(command.actor()))
                            .compose(store -> products.add(tx, added))
                            .map(added.aggregate().id())));
  }

  public Future<Void> rebrandProduct(RebrandProduct command) {
    return changeProduct(
        command.productId(),
        command.actor(),
        product -> product.rebrand(command.name(), command.description()));
  }

  public Future<Void> increaseProductPrice(IncreaseProductPrice command) {
    return changeProduct(
        command.productId(), command.actor(), product -> product.increasePrice(command.price()));
  }

  public Future<Void> decreaseProductPrice(DecreaseProductPrice command) {
    return changeProduct(
        command.productId(), command.actor(), product -> product.decreasePrice(command.price()));
  }

  public Future<Void> removeProduct(RemoveProduct command) {
    return database.inTransaction(
        tx ->
            products
                .lock(tx, command.productId())
                .compose(product -> managed(tx, product, command.actor()))
                .compose(product -> products.remove(tx, product.remove())));
  }

  public Future<Store> getStore(GetStore query) {
    return stores
        .find(query.storeId())
        .map(found -> found.orElseThrow(() -> Stores.notFound(query.storeId())));
  }

  public Future<List<Store>> getStores(GetStores query) {
    return stores.all();
  }

  public Future<List<Store>> getParticipatingStores(GetParticipatingStores query) {
    return stores.participating();
  }

  public Future<Product> getProduct(GetProduct query) {
    return products
        .find(query.productId())
        .map(found -> found.orElseThrow(() -> Products.notFound(query.productId())));
  }

  /** Fails with NotFound for an unknown store, rather than answering an empty catalog. */
  public Future<List<Product>> getCatalog(GetCatalog query) {
    return getStore(new GetStore(query.storeId())).compose(store -> products.catalog(store.id()));
  }

  private Future<Void> changeStore(StoreId id, Function<Store, Changed<Store, StoreEvent>> rule) {
    return database.inTransaction(
        tx -> stores.lock(tx, id).map(rule).compose(changed -> stores.save(tx, changed)));
  }

  private Future<Void> changeProduct(
      ProductId id, Actor actor, Function<Product, Changed<Product, ProductEvent>> rule) {
    return database.inTransaction(
        tx ->
            products
                .lock(tx, id)
                .compose(product -> managed(tx, product, actor))
                .map(rule)
                .compose(changed -> products.save(tx, changed)));
  }

  /** The product, once its store's owner (or a service) is found to be the one asking. */
  private Future<Product> managed(Tx tx, Product product, Actor actor) {
    return actor.actsForAll()
        ? Future.succeededFuture(product)
        : stores.lock(tx, product.storeId()).map(store -> store.managedBy(actor)).map(product);
  }
}
