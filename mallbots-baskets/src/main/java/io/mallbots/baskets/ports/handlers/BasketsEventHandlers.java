package io.mallbots.baskets.ports.handlers;

import static io.mallbots.baskets.ports.BasketsWire.price;
import static io.mallbots.baskets.ports.BasketsWire.productId;
import static io.mallbots.baskets.ports.BasketsWire.storeId;

import io.mallbots.baskets.application.BasketsApplication;
import io.mallbots.baskets.application.commands.ForgetProduct;
import io.mallbots.baskets.application.commands.RememberProduct;
import io.mallbots.baskets.application.commands.RememberStore;
import io.mallbots.baskets.application.commands.RenameProduct;
import io.mallbots.baskets.application.commands.RepriceProduct;
import io.mallbots.baskets.domain.catalog.Product;
import io.mallbots.baskets.domain.catalog.Store;
import io.mallbots.core.db.Tx;
import io.mallbots.core.inbox.DispatchingHandler;
import io.mallbots.core.inbox.TxMessageHandler;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Payloads;
import io.mallbots.stores.v1.ProductAdded;
import io.mallbots.stores.v1.ProductPriceChanged;
import io.mallbots.stores.v1.ProductRebranded;
import io.mallbots.stores.v1.ProductRemoved;
import io.mallbots.stores.v1.StoreCreated;
import io.mallbots.stores.v1.StoreRebranded;
import io.mallbots.stores.v1.StoresContract;
import io.mallbots.stores.v1.StoresContract.Names;
import io.vertx.core.Future;
import java.util.Set;

/**
 * Stores' events that keep baskets' copy of the catalog: ProductAdded, ProductRebranded,
 * ProductPriceChanged, ProductRemoved on the product topic; StoreCreated, StoreRebranded on the
 * store topic. Other events there (StoreParticipationToggled) are passed over; an unknown or
 * undecodable one, or one with a malformed id or price, fails (and ends in the dead letters).
 * Registered with {@code agent.subscribe} (exactly-once effects); each event's {@code version}
 * keeps an older one from overwriting a newer one (0, from before versions, applies as it did).
 * Called on the service verticle's event loop, inside the message's transaction.
 */
public final class BasketsEventHandlers extends DispatchingHandler {

  public static final String PRODUCT_GROUP = "baskets-products";
  public static final String STORE_GROUP = "baskets-stores";

  /** Store events the catalog does not keep: acknowledged without a transaction. */
  private static final Set<String> PASSED_OVER = Set.of(Names.STORE_PARTICIPATION_TOGGLED);

  private final BasketsApplication app;

  public BasketsEventHandlers(BasketsApplication app) {
    super(PASSED_OVER);
    this.app = app;
  }

  @Override
  protected Future<Void> dispatch(Tx tx, Message event) {
    return switch (event.name()) {
      case Names.PRODUCT_ADDED -> {
        ProductAdded added = Payloads.parse(StoresContract.PRODUCT_ADDED, event);
        yield app.rememberProduct(
            tx,
            new RememberProduct(
                new Product(
                    productId(added.getId(), "id"),
                    storeId(added.getStoreId(), "store_id"),
                    added.getName(),
                    price(added.getPrice())),
                added.getVersion()));
      }
      case Names.PRODUCT_REBRANDED -> {
        ProductRebranded rebranded = Payloads.parse(StoresContract.PRODUCT_REBRANDED, event);
        yield app.renameProduct(
            tx,
            new RenameProduct(
                productId(rebranded.getId(), "id"), rebranded.getName(), rebranded.getVersion()));
      }
      case Names.PRODUCT_PRICE_CHANGED -> {
        ProductPriceChanged changed = Payloads.parse(StoresContract.PRODUCT_PRICE_CHANGED, event);
        // The new price, not the delta: a duplicate or a replay does no harm.
        yield app.repriceProduct(
            tx,
            new RepriceProduct(
                productId(changed.getId(), "id"), price(changed.getPrice()), changed.getVersion()));
      }
      case Names.PRODUCT_REMOVED -> {
        ProductRemoved removed = Payloads.parse(StoresContract.PRODUCT_REMOVED, event);
        yield app.forgetProduct(
            tx, new ForgetProduct(productId(removed.getId(), "id"), removed.getVersion()));
      }
      case Names.STORE_CREATED -> {
        StoreCreated created = Payloads.parse(StoresContract.STORE_CREATED, event);
        yield app.rememberStore(
            tx,
            new RememberStore(
                new Store(storeId(created.getId(), "id"), created.getName()),
                created.getVersion()));
      }
      case Names.STORE_REBRANDED -> {
        StoreRebranded rebranded = Payloads.parse(StoresContract.STORE_REBRANDED, event);
        yield app.renameStore(
            tx,
            new RememberStore(
                new Store(storeId(rebranded.getId(), "id"), rebranded.getName()),
                rebranded.getVersion()));
      }
      default -> throw TxMessageHandler.unknown(event);
    };
  }
}
