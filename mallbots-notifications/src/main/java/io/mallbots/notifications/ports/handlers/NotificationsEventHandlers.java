package io.mallbots.notifications.ports.handlers;

import io.mallbots.core.db.Tx;
import io.mallbots.core.inbox.DispatchingHandler;
import io.mallbots.core.inbox.TxMessageHandler;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Payloads;
import io.mallbots.notifications.application.NotificationsApplication;
import io.mallbots.notifications.application.commands.NotifyOrder;
import io.mallbots.notifications.application.commands.RememberUser;
import io.mallbots.notifications.domain.NotificationKind;
import io.mallbots.notifications.domain.OrderNotice;
import io.mallbots.notifications.domain.Recipient;
import io.mallbots.ordering.v1.OrderCanceled;
import io.mallbots.ordering.v1.OrderCreated;
import io.mallbots.ordering.v1.OrderReadied;
import io.mallbots.ordering.v1.OrderingContract;
import io.mallbots.users.v1.UserRegistered;
import io.mallbots.users.v1.UserUpdated;
import io.mallbots.users.v1.UsersContract;
import io.vertx.core.Future;
import java.util.Set;

/**
 * The events notifications reacts to: ordering's OrderCreated, OrderReadied and OrderCanceled each
 * notify the order's user; users' UserRegistered and UserUpdated keep the user cache. Other events
 * on those topics are passed over; an unknown or undecodable one fails (and ends in the dead
 * letters). Registered with {@code agent.subscribe} on both topics (exactly-once effects); called
 * on the service verticle's event loop, inside the message's transaction.
 */
public final class NotificationsEventHandlers extends DispatchingHandler {

  public static final String ORDER_GROUP = "notifications-orders";
  public static final String USER_GROUP = "notifications-users";

  /** Order and user events nobody is told about: acknowledged without a transaction. */
  private static final Set<String> PASSED_OVER =
      Set.of(
          OrderingContract.Names.ORDER_APPROVED,
          OrderingContract.Names.ORDER_REJECTED,
          OrderingContract.Names.ORDER_COMPLETED,
          UsersContract.Names.USER_ENABLED,
          UsersContract.Names.USER_DISABLED);

  private final NotificationsApplication app;

  public NotificationsEventHandlers(NotificationsApplication app) {
    super(PASSED_OVER);
    this.app = app;
  }

  @Override
  protected Future<Void> dispatch(Tx tx, Message event) {
    return switch (event.name()) {
      case OrderingContract.Names.ORDER_CREATED -> {
        OrderCreated created = Payloads.parse(OrderingContract.ORDER_CREATED.parser(), event);
        yield notifyOrder(tx, created.getId(), created.getUserId(), NotificationKind.CREATED);
      }
      case OrderingContract.Names.ORDER_READIED -> {
        OrderReadied readied = Payloads.parse(OrderingContract.ORDER_READIED.parser(), event);
        yield notifyOrder(tx, readied.getId(), readied.getUserId(), NotificationKind.READY);
      }
      case OrderingContract.Names.ORDER_CANCELED -> {
        OrderCanceled canceled = Payloads.parse(OrderingContract.ORDER_CANCELED.parser(), event);
        yield notifyOrder(tx, canceled.getId(), canceled.getUserId(), NotificationKind.CANCELED);
      }
      case UsersContract.Names.USER_REGISTERED -> {
        UserRegistered registered = Payloads.parse(UsersContract.USER_REGISTERED.parser(), event);
        yield app.rememberNewUser(
            tx, remember(registered.getId(), registered.getUsername(), registered.getEmail()));
      }
      case UsersContract.Names.USER_UPDATED -> {
        UserUpdated updated = Payloads.parse(UsersContract.USER_UPDATED.parser(), event);
        yield app.refreshUser(
            tx, remember(updated.getId(), updated.getUsername(), updated.getEmail()));
      }
      default -> throw TxMessageHandler.unknown(event);
    };
  }

  private Future<Void> notifyOrder(Tx tx, String orderId, String userId, NotificationKind kind) {
    return app.notifyOrder(tx, new NotifyOrder(new OrderNotice(orderId, userId, kind)));
  }

  private static RememberUser remember(String userId, String username, String email) {
    return new RememberUser(new Recipient(userId, username, email));
  }
}
