package io.mallbots.ordering.testing;

import io.mallbots.core.testing.ServiceDatabase;

/** The ordering schema ({@link ServiceDatabase}). */
public final class OrderingDatabase extends ServiceDatabase {

  public OrderingDatabase(String schemaPrefix) {
    super(schemaPrefix, "ordering");
  }
}
