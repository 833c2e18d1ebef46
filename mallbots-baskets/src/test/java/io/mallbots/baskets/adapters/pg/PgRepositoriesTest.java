package io.mallbots.baskets.adapters.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.baskets.domain.basket.Basket;
import io.mallbots.baskets.domain.basket.BasketEvent;
import io.mallbots.baskets.domain.basket.BasketId;
import io.mallbots.baskets.domain.catalog.Product;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.Store;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.baskets.testing.BasketsDatabase;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.NotFound;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The repositories on the real PostgreSQL, in a migrated schema of their own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgRepositoriesTest {

  private final BasketsDatabase db = new BasketsDatabase("baskets_pg");
  private final PgBaskets baskets = db.baskets();
  private final PgProducts products = db.products();
  private final PgStores stores = db.stores();
  private final Store widgets = new Store(StoreId.random(), "Widgets");

  @AfterAll
  void close() {
    db.close();
  }

  @Test
  void a_started_basket_reads_back_open_and_empty() {
    Basket basket = started();

    assertThat(baskets.find(basket.id()).await()).contains(basket);
  }

  @Test
  void a_saved_basket_reads_back_with_its_items_in_order_prices_to_the_cent_and_its_payment() {
    Basket basket = started();
    Product gizmo = product("Gizmo", "10.005");
    Product widget = product("Widget", "2.50");
    Basket filled = basket.add(gizmo, widgets, 2).add(widget, widgets, 1);
    db.inTransaction(tx -> baskets.save(tx, basket, Changed.silently(filled)));
    Changed<Basket, BasketEvent> checkout = filled.checkout(UUID.randomUUID().toString());
    Basket checkedOut = checkout.aggregate();
    db.inTransaction(tx -> baskets.save(tx, filled, checkout));

    Basket read = db.inTransaction(tx -> baskets.lock(tx, basket.id()));

    assertThat(read).isEqualTo(checkedOut);
    assertThat(read.items().get(0).price()).isEqualTo(Money.of("10.00"));
    assertThat(db.number("SELECT count(*) FROM outbox WHERE aggregate_id = '" + basket.id() + "'"))
        .as("BasketStarted and BasketCheckedOut, written with the basket")
        .isEqualTo(2);
  }

  @Test
  void saving_writes_every_change_of_the_items_so_a_removed_one_is_gone_and_the_rest_move_up() {
    Product gizmo = product("Gizmo", "10.00");
    Product widget = product("Widget", "2.50");
    Product sprocket = product("Sprocket", "1.25");
    Basket empty = started();
    Basket three = empty.add(gizmo, widgets, 1).add(widget, widgets, 3).add(sprocket, widgets, 1);
    db.inTransaction(tx -> baskets.save(tx, empty, Changed.silently(three)));
    Basket more = three.add(widget, widgets, 2);
    db.inTransaction(tx -> baskets.save(tx, three, Changed.silently(more)));
    Basket fewer = more.remove(gizmo.id(), 1);
    db.inTransaction(tx -> baskets.save(tx, more, Changed.silently(fewer)));

    assertThat(baskets.find(empty.id()).await()).contains(fewer);
    assertThat(fewer.items())
        .extracting(item -> item.productName() + " x" + item.quantity())
        .containsExactly("Widget x5", "Sprocket x1");
    Basket none = fewer.remove(widget.id(), 5).remove(sprocket.id(), 1);
    db.inTransaction(tx -> baskets.save(tx, fewer, Changed.silently(none)));
    assertThat(
            db.number("SELECT count(*) FROM basket_items WHERE basket_id = '" + empty.id() + "'"))
        .isZero();
  }

  @Test
  void an_unknown_basket_is_not_found_when_locked_and_absent_when_looked_up() {
    assertThat(baskets.find(BasketId.random()).await()).isEmpty();
    assertThatThrownBy(() -> db.inTransaction(tx -> baskets.lock(tx, BasketId.random())))
        .isInstanceOfSatisfying(
            NotFound.class, e -> assertThat(e.code()).isEqualTo("BASKET_NOT_FOUND"));
  }

  @Test
  void a_cached_product_is_renamed_and_repriced_and_an_unknown_one_is_left_alone() {
    Product widget = product("Widget", "2.50");
    db.inTransaction(tx -> products.add(tx, widget, 0));
    ProductId stranger = ProductId.random();

    db.inTransaction(
        tx ->
            products
                .rename(tx, widget.id(), "Widget XL", 0)
                .compose(v -> products.reprice(tx, widget.id(), Money.of("3.10"), 0))
                .compose(v -> products.reprice(tx, stranger, Money.of("1.00"), 0)));

    assertThat(products.find(widget.id()).await())
        .contains(new Product(widget.id(), widgets.id(), "Widget XL", Money.of("3.10")));
    assertThat(products.find(stranger).await()).isEmpty();
  }

  @Test
  void adding_a_product_again_keeps_the_copy_already_there() {
    Product widget = product("Widget", "2.50");
    db.inTransaction(tx -> products.add(tx, widget, 0));
    db.inTransaction(tx -> products.reprice(tx, widget.id(), Money.of("4.00"), 0));

    db.inTransaction(tx -> products.add(tx, widget, 0));

    assertThat(products.find(widget.id()).await())
        .get()
        .extracting(Product::price)
        .isEqualTo(Money.of("4.00"));
  }

  @Test
  void a_removed_product_is_forgotten_and_no_late_copy_brings_it_back() {
    Product widget = product("Widget", "2.50");
    db.inTransaction(tx -> products.add(tx, widget, 0));

    db.inTransaction(tx -> products.remove(tx, widget.id(), 0));
    db.inTransaction(tx -> products.add(tx, widget, 0));

    assertThat(products.find(widget.id()).await()).isEmpty();
    assertThat(products.removed(widget.id()).await()).isTrue();
    assertThat(products.removed(ProductId.random()).await()).isFalse();
  }

  @Test
  void removing_a_product_never_cached_is_remembered_too() {
    ProductId unknown = ProductId.random();

    db.inTransaction(
        tx -> products.remove(tx, unknown, 0).compose(v -> products.remove(tx, unknown, 0)));

    assertThat(products.removed(unknown).await()).isTrue();
  }

  @Test
  void a_store_is_added_once_and_replaced_by_put() {
    db.inTransaction(tx -> stores.add(tx, widgets, 0));
    db.inTransaction(tx -> stores.add(tx, new Store(widgets.id(), "Stale"), 0));
    assertThat(stores.find(widgets.id()).await()).contains(widgets);

    db.inTransaction(tx -> stores.put(tx, new Store(widgets.id(), "Gadgets"), 0));
    StoreId other = StoreId.random();
    db.inTransaction(tx -> stores.put(tx, new Store(other, "Sprockets"), 0));

    assertThat(stores.find(widgets.id()).await()).contains(new Store(widgets.id(), "Gadgets"));
    assertThat(stores.find(other).await()).contains(new Store(other, "Sprockets"));
    assertThat(stores.find(StoreId.random()).await()).isEmpty();
  }

  private Basket started() {
    Changed<Basket, BasketEvent> start =
        Basket.start(BasketId.random(), UUID.randomUUID().toString());
    db.inTransaction(tx -> baskets.add(tx, start));
    return start.aggregate();
  }

  private Product product(String name, String price) {
    return new Product(ProductId.random(), widgets.id(), name, Money.of(price));
  }
}
