package io.mallbots.search.ports.handlers;

import com.google.protobuf.Parser;
import io.mallbots.core.db.Tx;
import io.mallbots.core.db.Versions;
import io.mallbots.core.domain.Money;
import io.mallbots.core.inbox.DispatchingHandler;
import io.mallbots.core.inbox.TxMessageHandler;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Payloads;
import io.mallbots.ordering.v1.OrderApproved;
import io.mallbots.ordering.v1.OrderCanceled;
import io.mallbots.ordering.v1.OrderCompleted;
import io.mallbots.ordering.v1.OrderCreated;
import io.mallbots.ordering.v1.OrderReadied;
import io.mallbots.ordering.v1.OrderRejected;
import io.mallbots.ordering.v1.OrderingContract;
import io.mallbots.search.application.SearchApplication;
import io.mallbots.search.application.commands.ChangeOrderStatus;
import io.mallbots.search.application.commands.RecordName;
import io.mallbots.search.application.commands.RecordOrder;
import io.mallbots.search.domain.NameOwner;
import io.mallbots.search.domain.OrderItem;
import io.mallbots.search.domain.OrderPlaced;
import io.mallbots.search.domain.OrderStatus;
import io.mallbots.stores.v1.ProductAdded;
import io.mallbots.stores.v1.ProductRebranded;
import io.mallbots.stores.v1.StoreCreated;
import io.mallbots.stores.v1.StoreRebranded;
import io.mallbots.stores.v1.StoresContract;
import io.mallbots.users.v1.UserRegistered;
import io.mallbots.users.v1.UserUpdated;
import io.mallbots.users.v1.UsersContract;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The events that keep the read model: ordering's order events (OrderCreated records the order, the
 * others move its status), users' UserRegistered / UserUpdated and stores' StoreCreated /
 * StoreRebranded / ProductAdded / ProductRebranded (names). Other events on those topics are passed
 * over; an unknown, undecodable or incomplete one fails, so it is retried and then dead-lettered.
 * Registered with {@code agent.subscribe} on the four topics (exactly-once effects); called on the
 * service verticle's event loop, inside the message's transaction.
 */
public final class SearchEventHandlers extends DispatchingHandler {

  public static final String ORDER_GROUP = "search-orders";
  public static final String USER_GROUP = "search-users";
  public static final String STORE_GROUP = "search-stores";
  public static final String PRODUCT_GROUP = "search-products";

  /** Events that change nothing search shows: acknowledged without a transaction. */
  private static final Set<String> PASSED_OVER =
      Set.of(
          UsersContract.Names.USER_ENABLED,
          UsersContract.Names.USER_DISABLED,
          StoresContract.Names.STORE_PARTICIPATION_TOGGLED,
          StoresContract.Names.PRODUCT_PRICE_CHANGED,
          StoresContract.Names.PRODUCT_REMOVED);

  private final SearchApplication app;
  private final Clock clock;

  /** {@code clock} dates an order whose OrderCreated carries no occurred-at. */
  public SearchEventHandlers(SearchApplication app, Clock clock) {
    super(PASSED_OVER);
    this.app = app;
    this.clock = clock;
  }

  @Override
  protected Future<Void> dispatch(Tx tx, Message event) {
    return switch (event.name()) {
      case OrderingContract.Names.ORDER_CREATED -> recordOrder(tx, event);
      case OrderingContract.Names.ORDER_APPROVED ->
          status(
              tx,
              event,
              OrderingContract.ORDER_APPROVED.parser(),
              OrderApproved::getId,
              OrderApproved::getVersion,
              OrderStatus.APPROVED);
      case OrderingContract.Names.ORDER_REJECTED ->
          status(
              tx,
              event,
              OrderingContract.ORDER_REJECTED.parser(),
              OrderRejected::getId,
              OrderRejected::getVersion,
              OrderStatus.REJECTED);
      case OrderingContract.Names.ORDER_READIED ->
          status(
              tx,
              event,
              OrderingContract.ORDER_READIED.parser(),
              OrderReadied::getId,
              OrderReadied::getVersion,
              OrderStatus.READY);
      case OrderingContract.Names.ORDER_COMPLETED ->
          status(
              tx,
              event,
              OrderingContract.ORDER_COMPLETED.parser(),
              OrderCompleted::getId,
              OrderCompleted::getVersion,
              OrderStatus.COMPLETED);
      case OrderingContract.Names.ORDER_CANCELED ->
          status(
              tx,
              event,
              OrderingContract.ORDER_CANCELED.parser(),
              OrderCanceled::getId,
              OrderCanceled::getVersion,
              OrderStatus.CANCELED);
      case UsersContract.Names.USER_REGISTERED ->
          name(
              tx,
              event,
              UsersContract.USER_REGISTERED.parser(),
              NameOwner.USER,
              UserRegistered::getId,
              UserRegistered::getUsername,
              false,
              p -> Versions.UNKNOWN);
      case UsersContract.Names.USER_UPDATED ->
          name(
              tx,
              event,
              UsersContract.USER_UPDATED.parser(),
              NameOwner.USER,
              UserUpdated::getId,
              UserUpdated::getUsername,
              true,
              p -> Versions.UNKNOWN);
      case StoresContract.Names.STORE_CREATED ->
          name(
              tx,
              event,
              StoresContract.STORE_CREATED.parser(),
              NameOwner.STORE,
              StoreCreated::getId,
              StoreCreated::getName,
              false,
              StoreCreated::getVersion);
      case StoresContract.Names.STORE_REBRANDED ->
          name(
              tx,
              event,
              StoresContract.STORE_REBRANDED.parser(),
              NameOwner.STORE,
              StoreRebranded::getId,
              StoreRebranded::getName,
              true,
              StoreRebranded::getVersion);
      case StoresContract.Names.PRODUCT_ADDED ->
          name(
              tx,
              event,
              StoresContract.PRODUCT_ADDED.parser(),
              NameOwner.PRODUCT,
              ProductAdded::getId,
              ProductAdded::getName,
              false,
              ProductAdded::getVersion);
      case StoresContract.Names.PRODUCT_REBRANDED ->
          name(
              tx,
              event,
              StoresContract.PRODUCT_REBRANDED.parser(),
              NameOwner.PRODUCT,
              ProductRebranded::getId,
              ProductRebranded::getName,
              true,
              ProductRebranded::getVersion);
      default -> throw TxMessageHandler.unknown(event);
    };
  }

  private Future<Void> recordOrder(Tx tx, Message event) {
    OrderCreated created = Payloads.parse(OrderingContract.ORDER_CREATED.parser(), event);
    return app.recordOrder(tx, new RecordOrder(placed(event, created), created.getVersion()));
  }

  private OrderPlaced placed(Message event, OrderCreated created) {
    List<OrderItem> items = new ArrayList<>();
    for (int i = 0; i < created.getItemsCount(); i++) {
      OrderCreated.Item item = created.getItems(i);
      items.add(
          new OrderItem(
              item.getProductId(),
              item.getStoreId(),
              item.getProductName(),
              item.getStoreName(),
              Money.fromWire(item.getPrice(), "items[" + i + "].price"),
              item.getQuantity()));
    }
    return new OrderPlaced(
        created.getId(),
        created.getUserId(),
        items,
        Money.fromWire(created.getTotal(), "total"),
        Payloads.occurredAt(event).orElseGet(clock::instant));
  }

  /** {@code version}: the order's version after the change the event tells. */
  private <T> Future<Void> status(
      Tx tx,
      Message event,
      Parser<T> parser,
      Function<T, String> orderId,
      ToLongFunction<T> version,
      OrderStatus status) {
    T payload = Payloads.parse(parser, event);
    return app.changeOrderStatus(
        tx, new ChangeOrderStatus(orderId.apply(payload), status, version.applyAsLong(payload)));
  }

  /**
   * {@code renamed}: the event gives a new name rather than the first one; {@code version}: its
   * aggregate's.
   */
  private <T> Future<Void> name(
      Tx tx,
      Message event,
      Parser<T> parser,
      NameOwner owner,
      Function<T, String> id,
      Function<T, String> name,
      boolean renamed,
      ToLongFunction<T> version) {
    T payload = Payloads.parse(parser, event);
    return app.recordName(
        tx,
        new RecordName(
            owner, id.apply(payload), name.apply(payload), renamed, version.applyAsLong(payload)));
  }
}
