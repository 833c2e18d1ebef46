package io.mallbots.search.ports.handlers;

import com.google.protobuf.Parser;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Money;
import io.mallbots.core.inbox.TxMessageHandler;
import io.mallbots.core.messaging.Message;
import io.mallbots.ordering.v1.OrderApproved;
import io.mallbots.ordering.v1.OrderCanceled;
import io.mallbots.ordering.v1.OrderCompleted;
import io.mallbots.ordering.v1.OrderCreated;
import io.mallbots.ordering.v1.OrderReadied;
import io.mallbots.ordering.v1.OrderRejected;
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
import io.mallbots.users.v1.UserRegistered;
import io.mallbots.users.v1.UserUpdated;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The events that keep the read model: ordering's order events (OrderCreated records the order, the others
 * move its status), users' UserRegistered / UserUpdated and stores' StoreCreated / StoreRebranded /
 * ProductAdded / ProductRebranded (names). Other events on those topics are passed over; an unknown,
 * undecodable or incomplete one fails, so it is retried and then dead-lettered. Registered with
 * {@code agent.subscribe} on the four topics (exactly-once effects); called on the service verticle's event
 * loop, inside the message's transaction.
 */
public final class SearchEventHandlers implements TxMessageHandler {

  public static final String ORDER_TOPIC = "mallbots.ordering.events.Order";
  public static final String ORDER_GROUP = "search-orders";
  public static final String USER_TOPIC = "mallbots.users.events.User";
  public static final String USER_GROUP = "search-users";
  public static final String STORE_TOPIC = "mallbots.stores.events.Store";
  public static final String STORE_GROUP = "search-stores";
  public static final String PRODUCT_TOPIC = "mallbots.stores.events.Product";
  public static final String PRODUCT_GROUP = "search-products";

  /** Events that change nothing search shows: acknowledged without a transaction. */
  private static final Set<String> PASSED_OVER = Set.of("users.UserEnabled", "users.UserDisabled",
      "stores.StoreParticipationToggled", "stores.ProductPriceChanged", "stores.ProductRemoved");

  private final SearchApplication app;
  private final Clock clock;

  /** {@code clock} dates an order whose OrderCreated carries no occurred-at. */
  public SearchEventHandlers(SearchApplication app, Clock clock) {
    this.app = app;
    this.clock = clock;
  }

  @Override
  public boolean passesOver(String name) {
    return PASSED_OVER.contains(name);
  }

  @Override
  public Future<Void> handle(Tx tx, Message event) {
    return Future.<Void>succeededFuture().compose(v -> switch (event.name()) {
      case "ordering.OrderCreated" -> app.recordOrder(tx, new RecordOrder(placed(event)));
      case "ordering.OrderApproved" -> status(tx, event, OrderApproved.parser(), OrderApproved::getId,
          OrderStatus.APPROVED);
      case "ordering.OrderRejected" -> status(tx, event, OrderRejected.parser(), OrderRejected::getId,
          OrderStatus.REJECTED);
      case "ordering.OrderReadied" -> status(tx, event, OrderReadied.parser(), OrderReadied::getId,
          OrderStatus.READY);
      case "ordering.OrderCompleted" -> status(tx, event, OrderCompleted.parser(), OrderCompleted::getId,
          OrderStatus.COMPLETED);
      case "ordering.OrderCanceled" -> status(tx, event, OrderCanceled.parser(), OrderCanceled::getId,
          OrderStatus.CANCELED);
      case "users.UserRegistered" -> name(tx, event, UserRegistered.parser(), NameOwner.USER,
          UserRegistered::getId, UserRegistered::getUsername, false);
      case "users.UserUpdated" -> name(tx, event, UserUpdated.parser(), NameOwner.USER,
          UserUpdated::getId, UserUpdated::getUsername, true);
      case "stores.StoreCreated" -> name(tx, event, StoreCreated.parser(), NameOwner.STORE,
          StoreCreated::getId, StoreCreated::getName, false);
      case "stores.StoreRebranded" -> name(tx, event, StoreRebranded.parser(), NameOwner.STORE,
          StoreRebranded::getId, StoreRebranded::getName, true);
      case "stores.ProductAdded" -> name(tx, event, ProductAdded.parser(), NameOwner.PRODUCT,
          ProductAdded::getId, ProductAdded::getName, false);
      case "stores.ProductRebranded" -> name(tx, event, ProductRebranded.parser(), NameOwner.PRODUCT,
          ProductRebranded::getId, ProductRebranded::getName, true);
      default -> throw TxMessageHandler.unknown(event);
    });
  }

  private OrderPlaced placed(Message event) {
    OrderCreated created = Payloads.parse(OrderCreated.parser(), event);
    List<OrderItem> items = new ArrayList<>();
    for (int i = 0; i < created.getItemsCount(); i++) {
      OrderCreated.Item item = created.getItems(i);
      items.add(new OrderItem(item.getProductId(), item.getStoreId(), item.getProductName(), item.getStoreName(),
          Money.fromWire(item.getPrice(), "items[" + i + "].price"), item.getQuantity()));
    }
    return new OrderPlaced(created.getId(), created.getUserId(), items, Money.fromWire(created.getTotal(), "total"),
        Payloads.occurredAt(event).orElseGet(clock::instant));
  }

  private <T> Future<Void> status(Tx tx, Message event, Parser<T> parser, Function<T, String> orderId,
                                  OrderStatus status) {
    return app.changeOrderStatus(tx, new ChangeOrderStatus(orderId.apply(Payloads.parse(parser, event)), status));
  }

  /** {@code renamed}: the event gives a new name rather than the first one. */
  private <T> Future<Void> name(Tx tx, Message event, Parser<T> parser, NameOwner owner, Function<T, String> id,
                                Function<T, String> name, boolean renamed) {
    T payload = Payloads.parse(parser, event);
    return app.recordName(tx, new RecordName(owner, id.apply(payload), name.apply(payload), renamed));
  }
}
