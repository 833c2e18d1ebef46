package io.mallbots.ordering.ports.handlers;

import io.mallbots.core.db.Tx;
import io.mallbots.core.inbox.TxMessageHandler;
import io.mallbots.core.messaging.Message;
import io.mallbots.ordering.application.StoreKeepers;
import io.mallbots.stores.v1.StoreCreated;
import io.vertx.core.Future;

/**
 * Stores' StoreCreated tells ordering who owns a store, so that its owner may make ready and complete the orders
 * that hold its products. Other store events are acknowledged untouched; an undecodable one fails (and ends in
 * the dead letters). Registered with {@code agent.subscribe}.
 */
public final class StoreEventHandlers implements TxMessageHandler {

  public static final String TOPIC = "mallbots.stores.events.Store";
  public static final String GROUP = "ordering-stores";

  private final StoreKeepers keepers;

  public StoreEventHandlers(StoreKeepers keepers) {
    this.keepers = keepers;
  }

  @Override
  public Future<Void> handle(Tx tx, Message event) {
    if (!event.name().equals("stores.StoreCreated")) {
      return Future.succeededFuture();
    }
    return Future.<Void>succeededFuture().compose(v -> {
      StoreCreated created = Payloads.parse(StoreCreated.parser(), event);
      return created.getOwnerId().isBlank() ? Future.succeededFuture()
          : keepers.storeOpened(tx, created.getId(), created.getOwnerId());
    });
  }
}
