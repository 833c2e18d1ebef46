package io.mallbots.search.adapters.pg;

import static io.mallbots.core.db.Versions.newer;

import io.mallbots.core.db.Tx;
import io.mallbots.search.application.Names;
import io.mallbots.search.domain.KnownNames;
import io.mallbots.search.domain.NameOwner;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Names} in the tables {@code users}, {@code stores} and {@code products} (id and name
 * each), each name with the version of the event that gave it (core's {@code Versions} rule: an
 * older rename never applies).
 */
public final class PgNames implements Names {

  private static final String KNOWN =
      "SELECT 'USER' AS owner, user_id AS id, name FROM users WHERE user_id = $1 "
          + "UNION ALL SELECT 'STORE', store_id, name FROM stores WHERE store_id = ANY($2) "
          + "UNION ALL SELECT 'PRODUCT', product_id, name FROM products WHERE product_id = ANY($3)";

  @Override
  public Future<KnownNames> known(
      Tx tx, String userId, Collection<String> storeIds, Collection<String> productIds) {
    return tx.connection()
        .preparedQuery(KNOWN)
        .execute(
            Tuple.of(userId, storeIds.toArray(String[]::new), productIds.toArray(String[]::new)))
        .map(
            rows -> {
              String user = null;
              Map<String, String> stores = new HashMap<>();
              Map<String, String> products = new HashMap<>();
              for (var row : rows) {
                String id = row.getString("id");
                String name = row.getString("name");
                switch (NameOwner.valueOf(row.getString("owner"))) {
                  case USER -> user = name;
                  case STORE -> stores.put(id, name);
                  case PRODUCT -> products.put(id, name);
                }
              }
              return new KnownNames(Optional.ofNullable(user), stores, products);
            });
  }

  @Override
  public Future<Boolean> remember(
      Tx tx, NameOwner owner, String id, String name, boolean replace, long version) {
    return tx.connection()
        .preparedQuery(remember(owner, replace))
        .execute(Tuple.of(id, name, version))
        .map(kept -> kept.rowCount() == 1);
  }

  // RETURNING yields a row only when a name was inserted or actually changed (or a newer version
  // took the same name, which the version must remember, so that an older rename in between does
  // not apply).
  private static String remember(NameOwner owner, boolean replace) {
    String table =
        switch (owner) {
          case USER -> "users";
          case STORE -> "stores";
          case PRODUCT -> "products";
        };
    String key = table.substring(0, table.length() - 1) + "_id";
    String insert =
        "INSERT INTO "
            + table
            + " ("
            + key
            + ", name, version) VALUES ($1, $2, $3) ON CONFLICT ("
            + key
            + ") DO ";
    return (replace
            ? insert
                + "UPDATE SET name = excluded.name, version = greatest("
                + table
                + ".version, "
                + "excluded.version) WHERE "
                + newer("excluded.version", table + ".version")
                + " AND ("
                + table
                + ".name <> excluded.name OR "
                + table
                + ".version < excluded.version)"
            : insert + "NOTHING")
        + " RETURNING "
        + key;
  }
}
