package io.mallbots.stores.testing;

import io.mallbots.core.testing.ServiceDatabase;

/** The stores schema ({@link ServiceDatabase}), for one test class. */
public final class StoresSchema extends ServiceDatabase {

  public StoresSchema(String prefix) {
    super(prefix, "stores");
  }

  /** Removes every store, product and outbox row. */
  public void empty() {
    truncate("stores", "products", "outbox CASCADE");
  }

  /** Rows in {@code table}, counted with a plain query. */
  public long count(String table) {
    return number("SELECT count(*) FROM " + table);
  }
}
