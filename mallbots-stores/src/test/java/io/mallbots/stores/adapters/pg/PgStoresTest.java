package io.mallbots.stores.adapters.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.db.Database;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.NotFound;
import io.mallbots.stores.domain.store.Store;
import io.mallbots.stores.domain.store.StoreCreated;
import io.mallbots.stores.domain.store.StoreEvent;
import io.mallbots.stores.domain.store.StoreId;
import io.mallbots.stores.testing.StoresSchema;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgStoresTest {

  private StoresSchema schema;
  private Database database;
  private PgStores stores;

  @BeforeAll
  void start() {
    schema = new StoresSchema("stores_pg");
    database = schema.database();
    stores = new PgStores(database);
  }

  @AfterAll
  void stop() {
    schema.close();
  }

  @BeforeEach
  void empty() {
    schema.empty();
  }

  @Test
  void an_added_store_is_found_as_it_was_saved() {
    Store store = new Store(StoreId.random(), "Widgets", "Upper floor", false, "owner-1", 1);
    add(store);

    assertThat(stores.find(store.id()).await()).contains(store);
  }

  @Test
  void the_events_of_a_change_are_in_the_outbox_of_its_transaction() {
    Store store = new Store(StoreId.random(), "Widgets", "Upper floor", false, "", 1);
    Changed<Store, StoreEvent> created =
        Changed.of(store, new StoreCreated(store.id(), "Widgets", "Upper floor", "", 1));

    database.inTransaction(tx -> stores.add(tx, created)).await();
    assertThat(schema.count("outbox")).isEqualTo(1);

    database
        .inTransaction(
            tx ->
                stores
                    .save(tx, Changed.silently(store))
                    .compose(v -> Future.failedFuture(new IllegalStateException("later step"))))
        .otherwiseEmpty()
        .await();
    assertThat(schema.count("outbox")).isEqualTo(1);
  }

  @Test
  void a_save_replaces_the_saved_store() {
    Store store = new Store(StoreId.random(), "Widgets", "Upper floor", false, "", 1);
    add(store);
    Store changed = new Store(store.id(), "Gadgets", "Upper floor", true, "", 2);

    database
        .inTransaction(
            tx ->
                stores
                    .lock(tx, store.id())
                    .compose(locked -> stores.save(tx, Changed.silently(changed))))
        .await();

    assertThat(stores.find(store.id()).await()).contains(changed);
  }

  @Test
  void a_missing_store_is_not_found_when_locked_and_absent_when_looked_up() {
    StoreId unknown = StoreId.random();

    assertThat(stores.find(unknown).await()).isEmpty();
    assertThatThrownBy(() -> database.inTransaction(tx -> stores.lock(tx, unknown)).await())
        .isInstanceOf(NotFound.class)
        .hasMessageContaining(unknown.toString());
  }

  @Test
  void all_stores_come_by_name_and_participating_ones_alone_on_request() {
    Store zed = new Store(StoreId.random(), "Zed's", "Basement", true, "", 1);
    Store abe = new Store(StoreId.random(), "Abe's", "Ground floor", false, "", 1);
    Store mia = new Store(StoreId.random(), "Mia's", "Roof", true, "", 1);
    database
        .inTransaction(
            tx ->
                stores
                    .add(tx, Changed.silently(zed))
                    .compose(v -> stores.add(tx, Changed.silently(abe)))
                    .compose(v -> stores.add(tx, Changed.silently(mia))))
        .await();

    assertThat(stores.all().await()).containsExactly(abe, mia, zed);
    assertThat(stores.participating().await()).containsExactly(mia, zed);
  }

  private void add(Store store) {
    database.inTransaction(tx -> stores.add(tx, Changed.silently(store))).await();
  }
}
