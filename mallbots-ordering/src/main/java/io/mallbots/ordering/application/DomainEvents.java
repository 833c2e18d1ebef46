package io.mallbots.ordering.application;

import io.mallbots.core.db.Tx;
import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderEvent;
import io.vertx.core.Future;
import java.util.List;

/**
 * Where an order's events go for other services: into the outbox of {@code tx}, so they leave only
 * if the change commits. {@code order} is the order they made, for the fields the messages repeat
 * (user, payment, total).
 */
public interface DomainEvents {

  Future<Void> publish(Tx tx, Order order, List<OrderEvent> events);
}
