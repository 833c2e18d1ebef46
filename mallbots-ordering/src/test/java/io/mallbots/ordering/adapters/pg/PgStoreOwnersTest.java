package io.mallbots.ordering.adapters.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.ordering.testing.OrderingDatabase;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The store owners on real PostgreSQL. A store's owner comes from its StoreCreated alone (version
 * 1, the store's first event; no later stores event changes it), so the first owner recorded is the
 * newest: a replay or re-drive of StoreCreated never overwrites it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgStoreOwnersTest {

  private OrderingDatabase db;
  private PgStoreOwners owners;

  @BeforeAll
  void migrate() {
    db = new OrderingDatabase("ordering_owners");
    owners = new PgStoreOwners(db.database());
  }

  @AfterAll
  void drop() {
    db.close();
  }

  @Test
  void a_recorded_owner_is_never_overwritten_by_a_replayed_store_created() {
    String store = UUID.randomUUID().toString();
    String owner = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();

    db.inTransaction(tx -> owners.record(tx, store, owner));
    db.inTransaction(tx -> owners.record(tx, store, other));

    assertThat(owners.storesOf(owner).await()).containsExactly(store);
    assertThat(owners.storesOf(other).await()).isEmpty();
  }
}
