package io.mallbots.ordering.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.PermissionDenied;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoreKeeperTest {

  private static final String OWN_STORE = UUID.randomUUID().toString();
  private static final String OTHER_STORE = UUID.randomUUID().toString();

  private final Order order =
      Order.created(
          Order.create(
              OrderId.random(),
              UUID.randomUUID().toString(),
              UUID.randomUUID().toString(),
              List.of(item(OWN_STORE), item(OTHER_STORE)),
              null));

  @Test
  void the_owner_of_every_store_in_the_order_keeps_it() {
    assertThatCode(
            () ->
                new StoreKeeper(Actor.shopper("alice"), Set.of(OWN_STORE, OTHER_STORE))
                    .ensureKeeps(order))
        .doesNotThrowAnyException();
  }

  @Test
  void the_keeper_of_one_store_of_a_mixed_order_does_not_keep_the_order() {
    assertThatThrownBy(
            () -> new StoreKeeper(Actor.shopper("alice"), Set.of(OWN_STORE)).ensureKeeps(order))
        .isInstanceOf(PermissionDenied.class)
        .hasMessageContaining("stores you do not keep");
  }

  @Test
  void services_keep_any_order() {
    assertThatCode(() -> StoreKeeper.ANYONE.ensureKeeps(order)).doesNotThrowAnyException();
  }

  @Test
  void an_owner_of_other_stores_only_or_of_none_does_not() {
    assertThatThrownBy(
            () ->
                new StoreKeeper(Actor.shopper("bob"), Set.of(UUID.randomUUID().toString()))
                    .ensureKeeps(order))
        .isInstanceOf(PermissionDenied.class)
        .hasMessageContaining("stores you do not keep");
    assertThatThrownBy(() -> new StoreKeeper(Actor.shopper("carol"), Set.of()).ensureKeeps(order))
        .isInstanceOf(PermissionDenied.class);
  }

  private static Item item(String storeId) {
    return new Item(
        UUID.randomUUID().toString(), storeId, "Widget", "Widgets", Money.of("2.50"), 1);
  }
}
