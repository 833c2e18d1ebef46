package io.mallbots.stores.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Money;
import io.mallbots.stores.adapters.pg.PgProducts;
import io.mallbots.stores.adapters.pg.PgStores;
import io.mallbots.stores.application.commands.AddProduct;
import io.mallbots.stores.application.commands.CreateStore;
import io.mallbots.stores.application.commands.IncreaseProductPrice;
import io.mallbots.stores.application.commands.RebrandStore;
import io.mallbots.stores.application.queries.GetProduct;
import io.mallbots.stores.application.queries.GetStore;
import io.mallbots.stores.domain.product.ProductId;
import io.mallbots.stores.domain.store.Store;
import io.mallbots.stores.domain.store.StoreEvent;
import io.mallbots.stores.domain.store.StoreId;
import io.mallbots.stores.testing.StoresSchema;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The use cases on the real database: a change and its event commit together or not at all. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoresApplicationTest {

  private StoresSchema schema;
  private Database database;
  private StoresApplication app;

  @BeforeAll
  void start() {
    schema = new StoresSchema("stores_app");
    database = schema.database();
    app = application(new PgStores(database));
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
  void each_change_writes_one_outbox_row_in_its_transaction() {
    StoreId store = app.createStore(new CreateStore("Widgets", "Upper floor", "")).await();
    ProductId product =
        app.addProduct(new AddProduct(store, "Widget", "", "W-1", Money.of("10"))).await();
    app.increaseProductPrice(new IncreaseProductPrice(product, Money.of("11"))).await();

    assertThat(schema.count("outbox")).isEqualTo(3);
  }

  @Test
  void a_refused_increase_changes_nothing_and_publishes_nothing() {
    StoreId store = app.createStore(new CreateStore("Widgets", "Upper floor", "")).await();
    ProductId product =
        app.addProduct(new AddProduct(store, "Widget", "", "W-1", Money.of("10"))).await();

    assertThatThrownBy(
            () ->
                app.increaseProductPrice(new IncreaseProductPrice(product, Money.of("10"))).await())
        .isInstanceOf(Conflict.class);

    assertThat(app.getProduct(new GetProduct(product)).await().price()).isEqualTo(Money.of("10"));
    assertThat(schema.count("outbox")).isEqualTo(2);
  }

  @Test
  void when_the_event_cannot_be_recorded_the_change_rolls_back() {
    StoreId store = app.createStore(new CreateStore("Widgets", "Upper floor", "")).await();
    StoresApplication failing = application(new FailingAfterWrite(new PgStores(database)));

    assertThatThrownBy(() -> failing.rebrandStore(new RebrandStore(store, "Gadgets")).await())
        .hasMessageContaining("outbox unavailable");
    assertThatThrownBy(() -> failing.createStore(new CreateStore("Ghost", "Nowhere", "")).await())
        .hasMessageContaining("outbox unavailable");

    assertThat(app.getStore(new GetStore(store)).await().name()).isEqualTo("Widgets");
    assertThat(schema.count("stores")).isEqualTo(1);
    assertThat(schema.count("outbox")).isEqualTo(1);
  }

  @Test
  void concurrent_increases_to_the_same_price_apply_once() {
    StoreId store = app.createStore(new CreateStore("Widgets", "Upper floor", "")).await();
    ProductId product =
        app.addProduct(new AddProduct(store, "Widget", "", "W-1", Money.of("10"))).await();

    List<Future<Void>> attempts =
        IntStream.range(0, 5)
            .mapToObj(
                i -> app.increaseProductPrice(new IncreaseProductPrice(product, Money.of("12"))))
            .toList();
    Future.join(attempts).otherwiseEmpty().await();

    assertThat(attempts.stream().filter(Future::succeeded).count()).isEqualTo(1);
    assertThat(attempts.stream().filter(Future::failed).map(Future::cause))
        .allMatch(Conflict.class::isInstance);
    assertThat(schema.count("outbox")).isEqualTo(3);
  }

  private StoresApplication application(Stores stores) {
    return new StoresApplication(database, stores, new PgProducts(database));
  }

  /** Stores whose writes fail after the row and its events were written in the transaction. */
  private record FailingAfterWrite(Stores written) implements Stores {
    @Override
    public Future<Void> add(Tx tx, Changed<Store, StoreEvent> created) {
      return written.add(tx, created).compose(v -> broken());
    }

    @Override
    public Future<Void> save(Tx tx, Changed<Store, StoreEvent> change) {
      return written.save(tx, change).compose(v -> broken());
    }

    @Override
    public Future<Store> lock(Tx tx, StoreId id) {
      return written.lock(tx, id);
    }

    @Override
    public Future<Optional<Store>> find(StoreId id) {
      return written.find(id);
    }

    @Override
    public Future<List<Store>> all() {
      return written.all();
    }

    @Override
    public Future<List<Store>> participating() {
      return written.participating();
    }

    private static Future<Void> broken() {
      return Future.failedFuture(new IllegalStateException("outbox unavailable"));
    }
  }
}
