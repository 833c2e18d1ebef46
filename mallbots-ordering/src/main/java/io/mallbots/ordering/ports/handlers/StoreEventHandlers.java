package io.mallbots.ordering.ports.handlers;

import io.mallbots.core.db.Tx;
import io.mallbots.core.inbox.TxMessageHandler;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Payloads;
import io.mallbots.ordering.application.StoreKeepers;
import io.mallbots.stores.v1.StoreCreated;
import io.mallbots.stores.v1.StoresContract;
import io.vertx.core.Future;
import java.util.Set;

/**
 * Stores' StoreCreated tells ordering who owns a store, so that its owner may make ready and
 * complete the orders that hold its products. Other store events are passed over; an undecodable or
 * unknown one fails (and ends in the dead letters). Registered with {@code agent.subscribe}.
 */
public final class StoreEventHandlers implements TxMessageHandler {

  public static final String GROUP = "ordering-stores";

  private static final Set<String> PASSED_OVER =
      Set.of(
          StoresContract.Names.STORE_PARTICIPATION_TOGGLED, StoresContract.Names.STORE_REBRANDED);

  private final StoreKeepers keepers;

  public StoreEventHandlers(StoreKeepers keepers) {
    this.keepers = keepers;
  }

  @Override
  public boolean passesOver(String name) {
    return PASSED_OVER.contains(name);
  }

  @Override
  public Future<Void> handle(Tx tx, Message event) {
    if (!event.name().equals(StoresContract.STORE_CREATED.name())) {
      return Future.failedFuture(TxMessageHandler.unknown(event));
    }
    return Future.<Void>succeededFuture()
        .compose(
            v -> {
              StoreCreated created = Payloads.parse(StoresContract.STORE_CREATED, event);
              return created.getOwnerId().isBlank()
                  ? Future.succeededFuture()
                  : keepers.storeOpened(tx, created.getId(), created.getOwnerId());
            });
  }
}
