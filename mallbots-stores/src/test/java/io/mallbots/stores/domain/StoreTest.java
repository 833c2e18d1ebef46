package io.mallbots.stores.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.PermissionDenied;
import io.mallbots.core.domain.Required;
import io.mallbots.stores.domain.store.Store;
import io.mallbots.stores.domain.store.StoreCreated;
import io.mallbots.stores.domain.store.StoreEvent;
import io.mallbots.stores.domain.store.StoreId;
import io.mallbots.stores.domain.store.StoreParticipationToggled;
import io.mallbots.stores.domain.store.StoreRebranded;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreTest {

  private static final String OWNER = "5f0c7c1e-2b1f-4d7e-9a51-0d6f4c1e0a11";
  private static final String ANOTHER = "8d2b6e3a-7c4f-4b1e-8f20-3e9a5d7c1b22";

  private final StoreId id = StoreId.random();

  @Test
  void a_new_store_does_not_participate_and_announces_itself() {
    Changed<Store, StoreEvent> created =
        Store.create(id, " Waldo's Widgets ", "Upper floor", OWNER);

    assertThat(created.aggregate())
        .isEqualTo(new Store(id, "Waldo's Widgets", "Upper floor", false, OWNER, 1));
    assertThat(created.events())
        .containsExactly(new StoreCreated(id, "Waldo's Widgets", "Upper floor", OWNER, 1));
  }

  @Test
  void a_store_needs_a_name_and_a_location() {
    assertThatThrownBy(() -> Store.create(id, " ", "Upper floor", null))
        .isInstanceOf(Invalid.class)
        .hasMessage("name is required");
    assertThatThrownBy(() -> Store.create(id, "Widgets", null, null))
        .isInstanceOf(Invalid.class)
        .hasMessage("location is required");
  }

  @Test
  void names_and_locations_have_a_length_a_shop_window_can_show() {
    String longest = "x".repeat(Required.MAX_TEXT);
    assertThat(Store.create(id, longest, longest, null).aggregate().name())
        .hasSize(Required.MAX_TEXT);
    assertThatThrownBy(() -> Store.create(id, longest + "x", "Upper floor", null))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("name must be at most " + Required.MAX_TEXT);
    assertThatThrownBy(() -> Store.create(id, "Widgets", "y".repeat(1 << 20), null))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("location must be at most");
  }

  @Test
  void a_shopper_opens_stores_for_themself_and_only_the_owner_manages_one() {
    Store opened =
        Store.create(id, "Widgets", "Upper floor", null, Actor.shopper(OWNER)).aggregate();

    assertThat(opened.ownerId()).isEqualTo(OWNER);
    assertThat(opened.managedBy(Actor.shopper(OWNER))).isSameAs(opened);
    assertThat(opened.managedBy(Actor.ANYONE)).isSameAs(opened);
    assertThatThrownBy(() -> opened.managedBy(Actor.shopper(ANOTHER)))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(
            () -> Store.create(id, "Widgets", "Upper floor", ANOTHER, Actor.shopper(OWNER)))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(
            () ->
                Store.create(id, "Widgets", "Upper floor", null, Actor.ANYONE)
                    .aggregate()
                    .managedBy(Actor.shopper(OWNER)))
        .isInstanceOf(PermissionDenied.class);
  }

  @Test
  void an_owner_is_a_user_so_named_by_a_user_id() {
    assertThatThrownBy(() -> Store.create(id, "Widgets", "Upper floor", "'; DROP TABLE users; --"))
        .isInstanceOf(Invalid.class)
        .hasMessageStartingWith("owner_id must be a UUID");
    assertThat(Store.create(id, "Widgets", "Upper floor", " ").aggregate().ownerId()).isEmpty();
  }

  @Test
  void the_owner_is_optional() {
    assertThat(Store.create(id, "Widgets", "Ground floor", null).aggregate().ownerId()).isEmpty();
  }

  @Test
  void enabling_participation_lets_the_store_sell() {
    Changed<Store, StoreEvent> enabled = store().enableParticipation();

    assertThat(enabled.aggregate().participating()).isTrue();
    assertThat(enabled.events()).containsExactly(new StoreParticipationToggled(id, true, 2));
  }

  @Test
  void a_participating_store_cannot_be_enabled_again() {
    Store participating = store().enableParticipation().aggregate();

    assertThatThrownBy(participating::enableParticipation)
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("already participates");
  }

  @Test
  void disabling_participation_takes_the_store_out_of_the_mall() {
    Changed<Store, StoreEvent> disabled =
        store().enableParticipation().aggregate().disableParticipation();

    assertThat(disabled.aggregate().participating()).isFalse();
    assertThat(disabled.events()).containsExactly(new StoreParticipationToggled(id, false, 3));
  }

  @Test
  void a_store_that_does_not_participate_cannot_be_disabled() {
    assertThatThrownBy(store()::disableParticipation)
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("does not participate");
  }

  @Test
  void rebranding_renames_the_store_and_keeps_the_rest() {
    Changed<Store, StoreEvent> rebranded = store().rebrand("Gadgets");

    assertThat(rebranded.aggregate())
        .isEqualTo(new Store(id, "Gadgets", "Upper floor", false, "", 2));
    assertThat(rebranded.events()).containsExactly(new StoreRebranded(id, "Gadgets", 2));
  }

  @Test
  void rebranding_needs_a_name() {
    assertThatThrownBy(() -> store().rebrand(""))
        .isInstanceOf(Invalid.class)
        .hasMessage("name is required");
  }

  @Test
  void each_change_raises_the_version_by_one_and_its_event_carries_it() {
    Changed<Store, StoreEvent> created = Store.create(id, "Widgets", "Upper floor", "");
    Changed<Store, StoreEvent> enabled = created.aggregate().enableParticipation();
    Changed<Store, StoreEvent> rebranded = enabled.aggregate().rebrand("Gadgets");
    Changed<Store, StoreEvent> disabled = rebranded.aggregate().disableParticipation();

    assertThat(List.of(created, enabled, rebranded, disabled))
        .extracting(c -> c.aggregate().version())
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(List.of(created, enabled, rebranded, disabled))
        .extracting(c -> c.events().get(0).version())
        .containsExactly(1L, 2L, 3L, 4L);
  }

  private Store store() {
    return Store.create(id, "Widgets", "Upper floor", "").aggregate();
  }
}
