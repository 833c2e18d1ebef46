package io.mallbots.baskets.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.baskets.domain.basket.Basket;
import io.mallbots.baskets.domain.basket.BasketCanceled;
import io.mallbots.baskets.domain.basket.BasketCheckedOut;
import io.mallbots.baskets.domain.basket.BasketEvent;
import io.mallbots.baskets.domain.basket.BasketId;
import io.mallbots.baskets.domain.basket.BasketStarted;
import io.mallbots.baskets.domain.basket.BasketStatus;
import io.mallbots.baskets.domain.basket.Item;
import io.mallbots.baskets.domain.catalog.Product;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.Store;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.NotFound;
import io.mallbots.core.domain.PermissionDenied;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BasketTest {

  private static final String USER = "5b0f7c1e-8a4e-4c43-9a53-0d0f5f3b1a11";
  private static final String PAYMENT = "9d2c6a70-3b1f-4e8a-8c55-2f1e0b7d4c22";

  private final BasketId id = BasketId.random();
  private final Store widgets = new Store(StoreId.random(), "Widgets");
  private final Product widget =
      new Product(ProductId.random(), widgets.id(), "Widget", Money.of("2.50"));
  private final Product gizmo =
      new Product(ProductId.random(), widgets.id(), "Gizmo", Money.of("10.00"));

  @Test
  void starting_a_basket_opens_it_empty_for_the_user_and_raises_basket_started() {
    Changed<Basket, BasketEvent> started = Basket.start(id, USER);

    assertThat(started.aggregate().status()).isEqualTo(BasketStatus.OPEN);
    assertThat(started.aggregate().userId()).isEqualTo(USER);
    assertThat(started.aggregate().items()).isEmpty();
    assertThat(started.aggregate().payment()).isEmpty();
    assertThat(started.events()).containsExactly(new BasketStarted(id, USER));
  }

  @Test
  void starting_needs_a_user() {
    assertThatThrownBy(() -> Basket.start(id, " "))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("user_id");
  }

  @Test
  void adding_an_item_copies_the_store_and_product_names_and_the_price() {
    Basket basket = open().add(widget, widgets, 3);

    assertThat(basket.items())
        .containsExactly(
            new Item(widget.id(), widgets.id(), "Widgets", "Widget", Money.of("2.50"), 3));
  }

  @Test
  void adding_one_puts_exactly_one_in_the_basket_not_two() {
    // The original applied AddItem twice, doubling every quantity.
    assertThat(open().add(widget, widgets, 1).items())
        .extracting(Item::quantity)
        .containsExactly(1);
  }

  @Test
  void adding_a_product_again_adds_to_its_quantity_and_keeps_the_price_it_was_first_added_at() {
    Product repriced = new Product(widget.id(), widgets.id(), "Widget", Money.of("3.00"));

    Basket basket = open().add(widget, widgets, 2).add(repriced, widgets, 3);

    assertThat(basket.items())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.quantity()).isEqualTo(5);
              assertThat(item.price()).isEqualTo(Money.of("2.50"));
            });
  }

  @Test
  void items_stay_in_the_order_they_were_first_added() {
    Basket basket = open().add(gizmo, widgets, 1).add(widget, widgets, 1).add(gizmo, widgets, 1);

    assertThat(basket.items()).extracting(Item::productId).containsExactly(gizmo.id(), widget.id());
  }

  @Test
  void adding_needs_a_quantity_of_at_least_one() {
    for (int quantity : new int[] {0, -1}) {
      assertThatThrownBy(() -> open().add(widget, widgets, quantity))
          .as("%d", quantity)
          .isInstanceOf(Invalid.class)
          .hasMessageContaining("quantity");
    }
  }

  @Test
  void a_quantity_too_large_to_count_is_refused() {
    Basket basket = open().add(widget, widgets, Integer.MAX_VALUE);

    assertThatThrownBy(() -> basket.add(widget, widgets, 1))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("quantity");
  }

  @Test
  void an_item_that_would_make_the_basket_total_too_large_to_order_is_refused_when_added() {
    Product dear = new Product(ProductId.random(), widgets.id(), "Yacht", Money.MAX);
    Basket basket = open().add(dear, widgets, 1);

    assertThatThrownBy(() -> basket.add(widget, widgets, 1))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("quantity")
        .hasMessageContaining("total");
    assertThatThrownBy(() -> basket.add(dear, widgets, 1)).isInstanceOf(Invalid.class);
    assertThat(basket.items()).hasSize(1);
  }

  @Test
  void removing_takes_out_exactly_the_quantity_asked_for() {
    // The original was off by one here.
    Basket basket = open().add(widget, widgets, 5).remove(widget.id(), 2);

    assertThat(basket.items()).extracting(Item::quantity).containsExactly(3);
  }

  @Test
  void removing_the_last_one_removes_the_item() {
    Basket basket = open().add(widget, widgets, 1).add(gizmo, widgets, 1).remove(widget.id(), 1);

    assertThat(basket.items()).extracting(Item::productId).containsExactly(gizmo.id());
  }

  @Test
  void removing_more_than_the_basket_holds_removes_the_item() {
    assertThat(open().add(widget, widgets, 2).remove(widget.id(), 7).items()).isEmpty();
  }

  @Test
  void removing_a_product_that_is_not_in_the_basket_is_not_found() {
    assertThatThrownBy(() -> open().add(gizmo, widgets, 1).remove(widget.id(), 1))
        .isInstanceOfSatisfying(
            NotFound.class, e -> assertThat(e.code()).isEqualTo("ITEM_NOT_FOUND"));
  }

  @Test
  void removing_needs_a_quantity_of_at_least_one() {
    Basket basket = open().add(widget, widgets, 2);

    assertThatThrownBy(() -> basket.remove(widget.id(), 0))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("quantity");
  }

  @Test
  void canceling_an_open_basket_ends_it_and_raises_basket_canceled() {
    Changed<Basket, BasketEvent> canceled = open().add(widget, widgets, 1).cancel();

    assertThat(canceled.aggregate().status()).isEqualTo(BasketStatus.CANCELED);
    assertThat(canceled.events()).containsExactly(new BasketCanceled(id));
  }

  @Test
  void checking_out_hands_the_user_the_payment_and_every_item_to_ordering() {
    Basket basket = open().add(widget, widgets, 2).add(gizmo, widgets, 1);

    Changed<Basket, BasketEvent> checkedOut = basket.checkout(PAYMENT);

    assertThat(checkedOut.aggregate().status()).isEqualTo(BasketStatus.CHECKED_OUT);
    assertThat(checkedOut.aggregate().payment()).contains(PAYMENT);
    assertThat(checkedOut.events())
        .containsExactly(new BasketCheckedOut(id, USER, PAYMENT, basket.items()));
  }

  @Test
  void checkout_needs_at_least_one_item() {
    assertThatThrownBy(() -> open().checkout(PAYMENT))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("BASKET_EMPTY"));
    assertThatThrownBy(
            () -> open().add(widget, widgets, 1).remove(widget.id(), 1).checkout(PAYMENT))
        .isInstanceOf(Conflict.class);
  }

  @Test
  void checkout_needs_a_payment() {
    assertThatThrownBy(() -> open().add(widget, widgets, 1).checkout(""))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("payment_id");
  }

  @Test
  void a_checked_out_basket_accepts_no_more_changes() {
    Basket checkedOut = open().add(widget, widgets, 1).checkout(PAYMENT).aggregate();

    refusesEveryChange(checkedOut);
  }

  @Test
  void a_canceled_basket_accepts_no_more_changes() {
    Basket canceled = open().add(widget, widgets, 1).cancel().aggregate();

    refusesEveryChange(canceled);
  }

  private void refusesEveryChange(Basket ended) {
    List<Consumer<Basket>> changes =
        List.of(
            b -> b.add(gizmo, widgets, 1),
            b -> b.remove(widget.id(), 1),
            Basket::cancel,
            b -> b.checkout(PAYMENT));
    for (Consumer<Basket> change : changes) {
      assertThatThrownBy(() -> change.accept(ended))
          .isInstanceOfSatisfying(
              Conflict.class, e -> assertThat(e.code()).isEqualTo("BASKET_NOT_OPEN"));
    }
  }

  @Test
  void a_shopper_acts_only_on_their_own_basket_while_services_act_on_any() {
    Basket basket = open();

    assertThat(basket.actedOnBy(Actor.shopper(USER))).isSameAs(basket);
    assertThat(basket.actedOnBy(Actor.ANYONE)).isSameAs(basket);
    assertThatThrownBy(() -> basket.actedOnBy(Actor.shopper("someone-else")))
        .isInstanceOf(PermissionDenied.class)
        .hasMessageContaining("belongs to someone else");
  }

  @Test
  void a_shopper_starts_baskets_only_for_themself() {
    assertThat(Basket.start(id, USER, Actor.shopper(USER)).aggregate().userId()).isEqualTo(USER);
    assertThatThrownBy(() -> Basket.start(id, USER, Actor.shopper("someone-else")))
        .isInstanceOf(PermissionDenied.class);
  }

  private Basket open() {
    return Basket.start(id, USER).aggregate();
  }
}
