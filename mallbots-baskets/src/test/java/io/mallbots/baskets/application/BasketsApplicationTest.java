package io.mallbots.baskets.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.baskets.application.commands.AddItem;
import io.mallbots.baskets.application.commands.CancelBasket;
import io.mallbots.baskets.application.commands.CheckoutBasket;
import io.mallbots.baskets.application.commands.ForgetProduct;
import io.mallbots.baskets.application.commands.RememberProduct;
import io.mallbots.baskets.application.commands.RememberStore;
import io.mallbots.baskets.application.commands.RemoveItem;
import io.mallbots.baskets.application.commands.RepriceProduct;
import io.mallbots.baskets.application.commands.StartBasket;
import io.mallbots.baskets.application.queries.GetBasket;
import io.mallbots.baskets.domain.basket.Basket;
import io.mallbots.baskets.domain.basket.BasketId;
import io.mallbots.baskets.domain.basket.BasketStatus;
import io.mallbots.baskets.domain.basket.Item;
import io.mallbots.baskets.domain.catalog.Product;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.Store;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.baskets.testing.BasketsDatabase;
import io.mallbots.baskets.testing.InMemoryStoresDirectory;
import io.mallbots.baskets.v1.BasketCheckedOut;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.NotFound;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.testing.OutboxRows;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The use cases on the real database, with stores in memory behind the application's port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BasketsApplicationTest {

  private static final String PAYMENT = "9d2c6a70-3b1f-4e8a-8c55-2f1e0b7d4c22";

  private final BasketsDatabase db = new BasketsDatabase("baskets_app");
  private final InMemoryStoresDirectory directory = new InMemoryStoresDirectory();
  private final BasketsApplication app =
      new BasketsApplication(db.database(), db.baskets(), db.products(), db.stores(), directory);
  private Store widgets;
  private Product widget;
  private String userId;

  @AfterAll
  void close() {
    db.close();
  }

  @BeforeEach
  void aStoreWithAProduct() {
    directory.down(false);
    widgets = new Store(StoreId.random(), "Widgets");
    widget = new Product(ProductId.random(), widgets.id(), "Widget", Money.of("2.50"));
    directory.knows(widgets);
    directory.knows(widget);
    userId = UUID.randomUUID().toString();
  }

  @Test
  void starting_a_basket_saves_it_and_puts_basket_started_in_the_outbox() {
    BasketId id = start();

    assertThat(app.getBasket(new GetBasket(id)).await().status()).isEqualTo(BasketStatus.OPEN);
    assertThat(eventsOf(id)).extracting(Message::name).containsExactly("baskets.BasketStarted");
  }

  @Test
  void a_missed_product_is_asked_of_stores_once_then_served_from_the_copy() {
    BasketId id = start();
    int before = directory.calls();

    app.addItem(new AddItem(id, widget.id(), 1)).await();
    app.addItem(new AddItem(id, widget.id(), 2)).await();

    assertThat(directory.calls() - before)
        .as("one call for the product, one for its store")
        .isEqualTo(2);
    assertThat(db.products().find(widget.id()).await()).contains(widget);
    assertThat(db.stores().find(widgets.id()).await()).contains(widgets);
    assertThat(items(id))
        .containsExactly(
            new Item(widget.id(), widgets.id(), "Widgets", "Widget", Money.of("2.50"), 3));
  }

  @Test
  void a_product_the_copy_knows_needs_no_call_to_stores() {
    directory.down(true);
    db.inTransaction(
        tx ->
            app.rememberProduct(tx, new RememberProduct(widget, 0))
                .compose(v -> app.rememberStore(tx, new RememberStore(widgets, 0))));
    BasketId id = start();

    app.addItem(new AddItem(id, widget.id(), 1)).await();

    assertThat(items(id)).extracting(Item::quantity).containsExactly(1);
  }

  @Test
  void adding_uses_the_price_the_events_brought() {
    db.inTransaction(
        tx ->
            app.rememberProduct(tx, new RememberProduct(widget, 0))
                .compose(
                    v ->
                        app.repriceProduct(
                            tx, new RepriceProduct(widget.id(), Money.of("1.99"), 0))));
    BasketId id = start();

    app.addItem(new AddItem(id, widget.id(), 1)).await();

    assertThat(items(id)).extracting(Item::price).containsExactly(Money.of("1.99"));
  }

  @Test
  void
      a_price_change_for_a_product_not_in_the_copy_is_ignored_and_stores_gives_the_price_when_needed() {
    db.inTransaction(
        tx -> app.repriceProduct(tx, new RepriceProduct(widget.id(), Money.of("9.99"), 0)));
    assertThat(db.products().find(widget.id()).await()).isEmpty();
    BasketId id = start();

    app.addItem(new AddItem(id, widget.id(), 1)).await();

    assertThat(items(id)).extracting(Item::price).containsExactly(Money.of("2.50"));
  }

  @Test
  void a_product_stores_does_not_know_is_not_found_and_the_basket_is_unchanged() {
    BasketId id = start();

    assertThatThrownBy(() -> app.addItem(new AddItem(id, ProductId.random(), 1)).await())
        .isInstanceOf(NotFound.class);
    assertThat(items(id)).isEmpty();
  }

  @Test
  void a_removed_product_cannot_be_added_even_if_stores_still_answers_for_it() {
    db.inTransaction(tx -> app.forgetProduct(tx, new ForgetProduct(widget.id(), 0)));
    BasketId id = start();
    int before = directory.calls();

    assertThatThrownBy(() -> app.addItem(new AddItem(id, widget.id(), 1)).await())
        .isInstanceOf(NotFound.class)
        .hasMessageContaining("removed");
    assertThat(directory.calls()).isEqualTo(before);
  }

  @Test
  void stores_being_down_on_a_miss_fails_the_add_without_a_change() {
    BasketId id = start();
    directory.down(true);

    assertThatThrownBy(() -> app.addItem(new AddItem(id, widget.id(), 1)).await())
        .isInstanceOf(java.net.ConnectException.class);
    assertThat(items(id)).isEmpty();
  }

  @Test
  void a_bad_quantity_is_refused_before_stores_is_asked() {
    int before = directory.calls();

    assertThatThrownBy(() -> new AddItem(BasketId.random(), widget.id(), 0))
        .isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> new RemoveItem(BasketId.random(), widget.id(), -3))
        .isInstanceOf(Invalid.class);
    assertThat(directory.calls()).isEqualTo(before);
  }

  @Test
  void adding_to_an_unknown_basket_is_not_found() {
    assertThatThrownBy(() -> app.addItem(new AddItem(BasketId.random(), widget.id(), 1)).await())
        .isInstanceOfSatisfying(
            NotFound.class, e -> assertThat(e.code()).isEqualTo("BASKET_NOT_FOUND"));
  }

  @Test
  void removing_takes_out_exactly_what_was_asked() {
    BasketId id = start();
    app.addItem(new AddItem(id, widget.id(), 4)).await();

    app.removeItem(new RemoveItem(id, widget.id(), 1)).await();

    assertThat(items(id)).extracting(Item::quantity).containsExactly(3);
  }

  @Test
  void checking_out_puts_basket_checked_out_with_user_payment_and_items_in_the_outbox()
      throws Exception {
    BasketId id = start();
    app.addItem(new AddItem(id, widget.id(), 2)).await();

    app.checkoutBasket(new CheckoutBasket(id, PAYMENT)).await();

    Message checkedOut = eventsOf(id).get(1);
    assertThat(checkedOut.name()).isEqualTo("baskets.BasketCheckedOut");
    assertThat(BasketCheckedOut.parseFrom(checkedOut.payload()))
        .isEqualTo(
            BasketCheckedOut.newBuilder()
                .setId(id.toString())
                .setUserId(userId)
                .setPaymentId(PAYMENT)
                .addItems(
                    BasketCheckedOut.Item.newBuilder()
                        .setStoreId(widgets.id().toString())
                        .setProductId(widget.id().toString())
                        .setStoreName("Widgets")
                        .setProductName("Widget")
                        .setPrice(2.5)
                        .setQuantity(2))
                .build());
    assertThat(app.getBasket(new GetBasket(id)).await().payment()).contains(PAYMENT);
  }

  @Test
  void a_refused_change_saves_nothing_and_publishes_nothing() {
    BasketId id = start();

    assertThatThrownBy(() -> app.checkoutBasket(new CheckoutBasket(id, PAYMENT)).await())
        .isInstanceOf(Conflict.class);

    assertThat(app.getBasket(new GetBasket(id)).await().status()).isEqualTo(BasketStatus.OPEN);
    assertThat(eventsOf(id)).extracting(Message::name).containsExactly("baskets.BasketStarted");
  }

  @Test
  void a_canceled_basket_takes_no_more_items() {
    BasketId id = start();
    app.cancelBasket(new CancelBasket(id)).await();

    assertThatThrownBy(() -> app.addItem(new AddItem(id, widget.id(), 1)).await())
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("BASKET_NOT_OPEN"));
    assertThat(eventsOf(id))
        .extracting(Message::name)
        .containsExactly("baskets.BasketStarted", "baskets.BasketCanceled");
  }

  private BasketId start() {
    return app.startBasket(new StartBasket(userId)).await();
  }

  private List<Item> items(BasketId id) {
    Basket basket = app.getBasket(new GetBasket(id)).await();
    return basket.items();
  }

  private List<Message> eventsOf(BasketId id) {
    return OutboxRows.all(db.database()).stream()
        .filter(m -> m.aggregateId().equals(id.toString()))
        .toList();
  }
}
