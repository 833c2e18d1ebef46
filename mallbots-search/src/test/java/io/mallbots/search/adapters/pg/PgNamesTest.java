package io.mallbots.search.adapters.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.search.domain.KnownNames;
import io.mallbots.search.domain.NameOwner;
import io.mallbots.search.testing.SearchDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgNamesTest {

  private SearchDatabase db;
  private PgNames names;

  @BeforeAll
  void start() {
    db = new SearchDatabase("search_names");
    names = db.names();
  }

  @AfterAll
  void stop() {
    db.close();
  }

  @BeforeEach
  void empty() {
    db.empty();
  }

  @Test
  void the_known_names_of_an_order_s_user_stores_and_products_are_found_and_no_others() {
    remember(NameOwner.USER, "user-1", "kim", false);
    remember(NameOwner.USER, "user-2", "lena", false);
    remember(NameOwner.STORE, "store-1", "Widgets", false);
    remember(NameOwner.PRODUCT, "product-1", "Widget", false);
    remember(NameOwner.PRODUCT, "product-9", "Other", false);

    KnownNames known =
        db.inTransaction(
            tx ->
                names.known(
                    tx,
                    "user-1",
                    List.of("store-1", "store-2"),
                    List.of("product-1", "product-2")));

    assertThat(known.user()).contains("kim");
    assertThat(known.stores()).isEqualTo(Map.of("store-1", "Widgets"));
    assertThat(known.products()).isEqualTo(Map.of("product-1", "Widget"));
  }

  @Test
  void nothing_known_gives_no_names() {
    KnownNames known = db.inTransaction(tx -> names.known(tx, "user-1", List.of(), List.of()));

    assertThat(known).isEqualTo(KnownNames.none());
  }

  @Test
  void a_first_name_is_kept_once_and_never_overwrites_a_known_one() {
    assertThat(remember(NameOwner.STORE, "store-1", "Widgets", false)).isTrue();
    assertThat(remember(NameOwner.STORE, "store-1", "Old name", false)).isFalse();

    assertThat(storeName()).isEqualTo("Widgets");
  }

  @Test
  void a_new_name_replaces_the_known_one_and_says_so_only_when_it_differs() {
    remember(NameOwner.STORE, "store-1", "Widgets", false);

    assertThat(remember(NameOwner.STORE, "store-1", "Widgets & Co", true)).isTrue();
    assertThat(remember(NameOwner.STORE, "store-1", "Widgets & Co", true)).isFalse();
    assertThat(storeName()).isEqualTo("Widgets & Co");
  }

  @Test
  void an_older_rename_delivered_after_a_newer_one_does_not_rename_back() {
    assertThat(remember(NameOwner.STORE, "store-1", "Gadgets", true, 3)).isTrue();
    assertThat(remember(NameOwner.STORE, "store-1", "Widgets", false, 1)).isFalse();
    assertThat(remember(NameOwner.STORE, "store-1", "Sprockets", true, 2)).isFalse();
    assertThat(storeName()).isEqualTo("Gadgets");

    assertThat(remember(NameOwner.STORE, "store-1", "Gizmos", true, 4)).isTrue();
    assertThat(remember(NameOwner.STORE, "store-1", "Unversioned", true, 0)).isTrue();
    assertThat(storeName()).isEqualTo("Unversioned");
  }

  @Test
  void a_newer_rename_to_the_same_name_still_keeps_an_older_one_out() {
    remember(NameOwner.PRODUCT, "product-1", "Widget", false, 1);
    remember(NameOwner.PRODUCT, "product-1", "Widget", true, 3);

    assertThat(remember(NameOwner.PRODUCT, "product-1", "Gizmo", true, 2)).isFalse();
  }

  @Test
  void a_new_name_for_an_unknown_owner_is_kept() {
    assertThat(remember(NameOwner.USER, "user-1", "kim", true)).isTrue();
    assertThat(remember(NameOwner.PRODUCT, "product-1", "Widget", true)).isTrue();
  }

  private boolean remember(NameOwner owner, String id, String name, boolean replace) {
    return remember(owner, id, name, replace, 0);
  }

  private boolean remember(NameOwner owner, String id, String name, boolean replace, long version) {
    return db.inTransaction(tx -> names.remember(tx, owner, id, name, replace, version));
  }

  private String storeName() {
    return db.inTransaction(tx -> names.known(tx, "", List.of("store-1"), List.of()))
        .stores()
        .get("store-1");
  }
}
