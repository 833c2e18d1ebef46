package io.mallbots.stores.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.mallbots.stores.domain.product.Product;
import io.mallbots.stores.domain.product.ProductAdded;
import io.mallbots.stores.domain.product.ProductEvent;
import io.mallbots.stores.domain.product.ProductId;
import io.mallbots.stores.domain.product.ProductPriceChanged;
import io.mallbots.stores.domain.product.ProductRebranded;
import io.mallbots.stores.domain.product.ProductRemoved;
import io.mallbots.stores.domain.store.StoreId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductTest {

  private final ProductId id = ProductId.random();
  private final StoreId store = StoreId.random();

  @Test
  void an_added_product_carries_everything_a_basket_needs() {
    Changed<Product, ProductEvent> added =
        Product.add(id, store, " Widget ", null, "W-1", Money.of("9.99"));

    assertThat(added.aggregate())
        .isEqualTo(new Product(id, store, "Widget", "", "W-1", Money.of("9.99"), 1));
    assertThat(added.events())
        .containsExactly(new ProductAdded(id, store, "Widget", "", "W-1", Money.of("9.99"), 1));
  }

  @Test
  void a_product_needs_a_name_and_a_sku() {
    assertThatThrownBy(() -> Product.add(id, store, "", "", "W-1", Money.of("1")))
        .isInstanceOf(Invalid.class)
        .hasMessage("name is required");
    assertThatThrownBy(() -> Product.add(id, store, "Widget", "", " ", Money.of("1")))
        .isInstanceOf(Invalid.class)
        .hasMessage("sku is required");
  }

  @Test
  void a_product_price_must_be_above_zero() {
    assertThatThrownBy(() -> Product.add(id, store, "Widget", "", "W-1", Money.ZERO))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("price must be greater than 0");
    assertThatThrownBy(() -> Product.add(id, store, "Widget", "", "W-1", Money.of("-1")))
        .isInstanceOf(Invalid.class);
  }

  @Test
  void a_price_below_one_cent_rounds_to_zero_and_is_refused() {
    assertThatThrownBy(
            () -> Product.add(id, store, "Widget", "", "W-1", Money.fromWire(0.004, "price")))
        .isInstanceOf(Invalid.class);
  }

  @Test
  void rebranding_changes_name_and_description() {
    Changed<Product, ProductEvent> rebranded = widget("10.00").rebrand("Super widget", "Now blue");

    assertThat(rebranded.aggregate().name()).isEqualTo("Super widget");
    assertThat(rebranded.aggregate().description()).isEqualTo("Now blue");
    assertThat(rebranded.events())
        .containsExactly(new ProductRebranded(id, "Super widget", "Now blue", 2));
  }

  @Test
  void rebranding_with_an_empty_description_clears_it_but_a_name_is_required() {
    assertThat(widget("10.00").rebrand("Widget", "").aggregate().description()).isEmpty();
    assertThatThrownBy(() -> widget("10.00").rebrand(" ", "x")).isInstanceOf(Invalid.class);
  }

  @Test
  void price_increase_raises_the_price_and_tells_the_positive_delta() {
    Changed<Product, ProductEvent> increased = widget("10.00").increasePrice(Money.of("12.50"));

    assertThat(increased.aggregate().price()).isEqualTo(Money.of("12.50"));
    assertThat(increased.events())
        .containsExactly(new ProductPriceChanged(id, Money.of("2.50"), Money.of("12.50"), 2));
  }

  @Test
  void price_increase_to_the_same_price_is_refused() {
    assertThatThrownBy(() -> widget("10.00").increasePrice(Money.of("10.00")))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("must raise the price");
  }

  @Test
  void price_increase_to_a_lower_price_is_refused() {
    assertThatThrownBy(() -> widget("10.00").increasePrice(Money.of("9.99")))
        .isInstanceOf(Conflict.class);
  }

  @Test
  void price_increase_that_rounds_to_the_same_cents_is_refused() {
    assertThatThrownBy(() -> widget("10.00").increasePrice(Money.fromWire(10.001, "price")))
        .isInstanceOf(Conflict.class);
  }

  @Test
  void price_decrease_lowers_the_price_and_tells_the_negative_delta() {
    Changed<Product, ProductEvent> decreased = widget("10.00").decreasePrice(Money.of("7.25"));

    assertThat(decreased.aggregate().price()).isEqualTo(Money.of("7.25"));
    assertThat(decreased.events())
        .containsExactly(new ProductPriceChanged(id, Money.of("-2.75"), Money.of("7.25"), 2));
  }

  @Test
  void price_decrease_must_lower_the_price() {
    assertThatThrownBy(() -> widget("10.00").decreasePrice(Money.of("10.00")))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("must lower the price");
    assertThatThrownBy(() -> widget("10.00").decreasePrice(Money.of("11.00")))
        .isInstanceOf(Conflict.class);
  }

  @Test
  void price_decrease_must_keep_the_price_above_zero() {
    assertThatThrownBy(() -> widget("10.00").decreasePrice(Money.ZERO)).isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> widget("10.00").decreasePrice(Money.of("-5")))
        .isInstanceOf(Invalid.class);
  }

  @Test
  void removing_a_product_announces_it() {
    assertThat(widget("10.00").remove()).isEqualTo(new ProductRemoved(id, 2));
  }

  @Test
  void each_change_raises_the_version_by_one_and_its_event_carries_it() {
    Changed<Product, ProductEvent> added =
        Product.add(id, store, "Widget", "", "W-1", Money.of("10.00"));
    Changed<Product, ProductEvent> increased = added.aggregate().increasePrice(Money.of("12.00"));
    Changed<Product, ProductEvent> rebranded = increased.aggregate().rebrand("Gadget", "");
    Changed<Product, ProductEvent> decreased =
        rebranded.aggregate().decreasePrice(Money.of("11.00"));

    assertThat(List.of(added, increased, rebranded, decreased))
        .extracting(c -> c.aggregate().version())
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(List.of(added, increased, rebranded, decreased))
        .extracting(c -> c.events().get(0).version())
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(decreased.aggregate().remove().version()).isEqualTo(5L);
  }

  private Product widget(String price) {
    return Product.add(id, store, "Widget", "Blue", "W-1", Money.of(price)).aggregate();
  }
}
