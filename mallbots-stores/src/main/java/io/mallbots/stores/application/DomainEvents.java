package io.mallbots.stores.application;

import io.mallbots.core.db.Tx;
import io.mallbots.stores.domain.product.ProductEvent;
import io.mallbots.stores.domain.store.StoreEvent;
import io.vertx.core.Future;

/**
 * Where raised events go: into the outbox of {@code tx}, so they leave only if the change commits.
 */
public interface DomainEvents {

  Future<Void> publish(Tx tx, StoreEvent event);

  Future<Void> publish(Tx tx, ProductEvent event);
}
