package io.mallbots.stores.adapters.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.db.Database;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.NotFound;
import io.mallbots.stores.domain.product.Product;
import io.mallbots.stores.domain.product.ProductId;
import io.mallbots.stores.domain.store.Store;
import io.mallbots.stores.domain.store.StoreId;
import io.mallbots.stores.testing.StoresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgProductsTest {

  private StoresSchema schema;
  private Database database;
  private PgProducts products;
  private Store store;

  @BeforeAll
  void start() {
    schema = new StoresSchema("products_pg");
    database = schema.database();
    products = new PgProducts(database);
  }

  @AfterAll
  void stop() {
    schema.close();
  }

  @BeforeEach
  void oneStore() {
    schema.empty();
    store = new Store(StoreId.random(), "Widgets", "Upper floor", true, "", 1);
    database.inTransaction(tx -> new PgStores(database).add(tx, Changed.silently(store))).await();
  }

  @Test
  void an_added_product_keeps_its_price_to_the_cent() {
    Product product = product("Widget", "19.99");
    add(product);

    assertThat(products.find(product.id()).await()).contains(product);
  }

  @Test
  void a_save_replaces_name_description_and_price() {
    Product product = product("Widget", "10.00");
    add(product);
    Product changed =
        new Product(product.id(), store.id(), "Super widget", "Blue", "W-1", Money.of("12.34"), 2);

    database
        .inTransaction(
            tx ->
                products
                    .lock(tx, product.id())
                    .compose(p -> products.save(tx, Changed.silently(changed))))
        .await();

    assertThat(products.find(product.id()).await()).contains(changed);
  }

  @Test
  void a_removed_product_is_gone_and_its_removal_is_in_the_outbox() {
    Product product = product("Widget", "10.00");
    add(product);

    database.inTransaction(tx -> products.remove(tx, product.remove())).await();

    assertThat(products.find(product.id()).await()).isEmpty();
    assertThat(products.catalog(store.id()).await()).isEmpty();
    assertThat(schema.count("outbox")).isEqualTo(1);
  }

  @Test
  void a_missing_product_is_not_found() {
    assertThatThrownBy(
            () -> database.inTransaction(tx -> products.lock(tx, ProductId.random())).await())
        .isInstanceOf(NotFound.class)
        .hasMessageContaining("no product");
  }

  @Test
  void the_catalog_holds_only_the_store_own_products_by_name() {
    Store other = new Store(StoreId.random(), "Gadgets", "Roof", true, "", 1);
    database.inTransaction(tx -> new PgStores(database).add(tx, Changed.silently(other))).await();
    Product b = product("B", "2.00");
    Product a = product("A", "1.00");
    Product elsewhere =
        new Product(ProductId.random(), other.id(), "C", "", "C-1", Money.of("3.00"), 1);
    add(b);
    add(a);
    add(elsewhere);

    assertThat(products.catalog(store.id()).await()).containsExactly(a, b);
  }

  @Test
  void the_database_refuses_a_product_of_an_unknown_store_or_without_a_positive_price() {
    Product orphan =
        new Product(ProductId.random(), StoreId.random(), "Orphan", "", "O-1", Money.of("1.00"), 1);
    assertThatThrownBy(() -> add(orphan)).hasMessageContaining("products_store_id_fkey");

    Product free = new Product(ProductId.random(), store.id(), "Free", "", "F-1", Money.ZERO, 1);
    assertThatThrownBy(() -> add(free)).hasMessageContaining("products_price_check");
  }

  private Product product(String name, String price) {
    return new Product(ProductId.random(), store.id(), name, "", name + "-1", Money.of(price), 1);
  }

  private void add(Product product) {
    database.inTransaction(tx -> products.add(tx, Changed.silently(product))).await();
  }
}
