package io.mallbots.ordering.v1;

import io.mallbots.common.v1.MessageType;

/**
 * The names ordering publishes and answers under: its event topic, its command topic, the reply
 * topic of the create-order saga and one typed constant per event and command of {@code
 * events.proto} and {@code commands.proto}. The envelope names are {@code ordering.<ProtoMessage>};
 * they are on the wire, so they never change.
 */
public final class OrderingContract {

  public static final String ORDER_EVENTS = "mallbots.ordering.events.Order";
  public static final String COMMANDS = "mallbots.ordering.commands";

  /** Where the participants of the create-order saga send their replies. */
  public static final String CREATE_ORDER_REPLIES = "mallbots.ordering.replies.CreateOrder";

  /** The envelope names as compile-time constants, for switch labels. */
  public static final class Names {
    public static final String ORDER_CREATED = "ordering.OrderCreated";
    public static final String ORDER_REJECTED = "ordering.OrderRejected";
    public static final String ORDER_APPROVED = "ordering.OrderApproved";
    public static final String ORDER_READIED = "ordering.OrderReadied";
    public static final String ORDER_COMPLETED = "ordering.OrderCompleted";
    public static final String ORDER_CANCELED = "ordering.OrderCanceled";
    public static final String REJECT_ORDER = "ordering.RejectOrder";
    public static final String APPROVE_ORDER = "ordering.ApproveOrder";

    private Names() {}
  }

  public static final MessageType<OrderCreated> ORDER_CREATED =
      new MessageType<>(ORDER_EVENTS, Names.ORDER_CREATED, OrderCreated.parser());
  public static final MessageType<OrderRejected> ORDER_REJECTED =
      new MessageType<>(ORDER_EVENTS, Names.ORDER_REJECTED, OrderRejected.parser());
  public static final MessageType<OrderApproved> ORDER_APPROVED =
      new MessageType<>(ORDER_EVENTS, Names.ORDER_APPROVED, OrderApproved.parser());
  public static final MessageType<OrderReadied> ORDER_READIED =
      new MessageType<>(ORDER_EVENTS, Names.ORDER_READIED, OrderReadied.parser());
  public static final MessageType<OrderCompleted> ORDER_COMPLETED =
      new MessageType<>(ORDER_EVENTS, Names.ORDER_COMPLETED, OrderCompleted.parser());
  public static final MessageType<OrderCanceled> ORDER_CANCELED =
      new MessageType<>(ORDER_EVENTS, Names.ORDER_CANCELED, OrderCanceled.parser());

  public static final MessageType<RejectOrder> REJECT_ORDER =
      new MessageType<>(COMMANDS, Names.REJECT_ORDER, RejectOrder.parser());
  public static final MessageType<ApproveOrder> APPROVE_ORDER =
      new MessageType<>(COMMANDS, Names.APPROVE_ORDER, ApproveOrder.parser());

  private OrderingContract() {}
}
