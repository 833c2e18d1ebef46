package io.mallbots.baskets.testing;

import io.mallbots.baskets.adapters.pg.PgBaskets;
import io.mallbots.baskets.adapters.pg.PgProducts;
import io.mallbots.baskets.adapters.pg.PgStores;
import io.mallbots.core.testing.ServiceDatabase;

/** The baskets schema ({@link ServiceDatabase}) and the baskets repositories on it. */
public final class BasketsDatabase extends ServiceDatabase {

  public BasketsDatabase(String schemaPrefix) {
    super(schemaPrefix, "baskets");
  }

  public PgBaskets baskets() {
    return new PgBaskets(database());
  }

  public PgProducts products() {
    return new PgProducts(database());
  }

  public PgStores stores() {
    return new PgStores(database());
  }
}
