package io.mallbots.search.testing;

import io.mallbots.core.testing.ServiceDatabase;
import io.mallbots.search.adapters.pg.PgNames;
import io.mallbots.search.adapters.pg.PgOrders;

/** The search schema ({@link ServiceDatabase}) and the search repositories on it. */
public final class SearchDatabase extends ServiceDatabase {

  public SearchDatabase(String schemaPrefix) {
    super(schemaPrefix, "search");
  }

  public PgOrders orders() {
    return new PgOrders(database());
  }

  public PgNames names() {
    return new PgNames();
  }

  public void empty() {
    truncate("orders", "order_items", "users", "stores", "products", "inbox");
  }
}
