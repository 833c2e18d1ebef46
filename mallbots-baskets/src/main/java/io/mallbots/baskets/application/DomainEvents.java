package io.mallbots.baskets.application;

import io.mallbots.baskets.domain.basket.BasketEvent;
import io.mallbots.core.db.Tx;
import io.vertx.core.Future;

/**
 * Where raised events go: into the outbox of {@code tx}, so they leave only if the change commits.
 */
public interface DomainEvents {

  Future<Void> publish(Tx tx, BasketEvent event);
}
