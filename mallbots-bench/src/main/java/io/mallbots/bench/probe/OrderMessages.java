package io.mallbots.bench.probe;

import com.google.protobuf.MessageLite;
import io.mallbots.baskets.v1.BasketCheckedOut;
import io.mallbots.baskets.v1.BasketStarted;
import io.mallbots.baskets.v1.BasketsContract;
import io.mallbots.common.v1.CommandReply;
import io.mallbots.common.v1.MessageType;
import io.mallbots.common.v1.Outcome;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.ordering.agent.OrderingProbe;
import io.mallbots.ordering.v1.OrderApproved;
import io.mallbots.ordering.v1.OrderCreated;
import io.mallbots.ordering.v1.OrderingContract;
import io.mallbots.payments.v1.ConfirmPayment;
import io.mallbots.payments.v1.PaymentAuthorized;
import io.mallbots.payments.v1.PaymentConfirmed;
import io.mallbots.payments.v1.PaymentsContract;
import io.mallbots.users.v1.AuthorizeUser;
import io.mallbots.users.v1.UsersContract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The messages one order puts on the broker, as DESIGN.md's checkout flow has them: the real
 * protobuf payloads with realistic ids, and the envelope metadata the outbox adds (trace context,
 * correlation and causation ids, occurred-at; reply-to and saga id on saga commands, command name
 * on replies). Each knows which subscriber groups receive it. Ordering approves the order itself
 * when payments' reply arrives, so no ApproveOrder command and reply cross the broker. The limit
 * probes use them for their sizes and counts.
 */
public final class OrderMessages {

  /** The saga's reply topic. */
  static final String REPLIES = OrderingContract.CREATE_ORDER_REPLIES;

  /**
   * A message of the flow and the groups that receive it (empty: published, consumed by nobody).
   */
  public record Sent(Message message, List<String> groups) {}

  private OrderMessages() {}

  /** Every message of order {@code n}, in the order the flow publishes them. */
  public static List<Sent> of(long n) {
    String user = uuid(n, 1);
    String payment = uuid(n, 2);
    String basket = uuid(n, 3);
    String order = uuid(n, 4);
    String correlation = uuid(n, 5);
    double total = 12.34;
    BasketCheckedOut.Builder checkedOut =
        BasketCheckedOut.newBuilder().setId(basket).setUserId(user).setPaymentId(payment);
    OrderCreated.Builder created =
        OrderCreated.newBuilder()
            .setId(order)
            .setUserId(user)
            .setPaymentId(payment)
            .setBasketId(basket)
            .setTotal(total);
    for (int i = 0; i < 3; i++) {
      String store = uuid(i, 6);
      String product = uuid(i, 7);
      checkedOut.addItems(
          BasketCheckedOut.Item.newBuilder()
              .setStoreId(store)
              .setProductId(product)
              .setStoreName("Bench store 0")
              .setProductName("Bench product 0-" + i)
              .setPrice(4.11)
              .setQuantity(1));
      created.addItems(
          OrderCreated.Item.newBuilder()
              .setStoreId(store)
              .setProductId(product)
              .setStoreName("Bench store 0")
              .setProductName("Bench product 0-" + i)
              .setPrice(4.11)
              .setQuantity(1));
    }
    CommandReply success = CommandReply.newBuilder().setOutcome(Outcome.OUTCOME_SUCCESS).build();
    List<String> orderEventGroups =
        List.of("notifications-orders", "payments-orders", "search-orders");
    return List.of(
        event(
            PaymentsContract.PAYMENT_AUTHORIZED,
            payment,
            correlation,
            PaymentAuthorized.newBuilder().setId(payment).setUserId(user).setAmount(total).build(),
            List.of()),
        event(
            BasketsContract.BASKET_STARTED,
            basket,
            correlation,
            BasketStarted.newBuilder().setId(basket).setUserId(user).build(),
            List.of("ordering-baskets")),
        event(
            BasketsContract.BASKET_CHECKED_OUT,
            basket,
            correlation,
            checkedOut.build(),
            List.of("ordering-baskets")),
        event(
            OrderingContract.ORDER_CREATED, order, correlation, created.build(), orderEventGroups),
        command(
            UsersContract.AUTHORIZE_USER,
            order,
            correlation,
            AuthorizeUser.newBuilder().setUserId(user).build(),
            "users-commands"),
        reply(order, correlation, UsersContract.AUTHORIZE_USER, success),
        command(
            PaymentsContract.CONFIRM_PAYMENT,
            order,
            correlation,
            ConfirmPayment.newBuilder()
                .setId(payment)
                .setAmount(total)
                .setOrderId(order)
                .setUserId(user)
                .build(),
            "payments-commands"),
        event(
            PaymentsContract.PAYMENT_CONFIRMED,
            payment,
            correlation,
            PaymentConfirmed.newBuilder().setId(payment).setAmount(total).setOrderId(order).build(),
            List.of()),
        reply(order, correlation, PaymentsContract.CONFIRM_PAYMENT, success),
        event(
            OrderingContract.ORDER_APPROVED,
            order,
            correlation,
            OrderApproved.newBuilder().setId(order).setUserId(user).setPaymentId(payment).build(),
            orderEventGroups));
  }

  /** Deliveries of one order: each message once per receiving group. */
  public static int deliveries() {
    return of(0).stream().mapToInt(sent -> sent.groups().size()).sum();
  }

  /** Mean payload plus metadata bytes of the order's messages. */
  public static int meanBytes() {
    return (int)
        of(0).stream()
            .mapToInt(
                sent ->
                    sent.message().payload().length
                        + sent.message().metadata().entrySet().stream()
                            .mapToInt(e -> e.getKey().length() + e.getValue().length())
                            .sum())
            .average()
            .orElse(0);
  }

  private static <T extends com.google.protobuf.Message> Sent event(
      MessageType<T> type, String key, String correlation, T payload, List<String> groups) {
    return new Sent(
        envelope(type.topic(), type.name(), key, correlation, payload, Map.of()), groups);
  }

  private static <T extends com.google.protobuf.Message> Sent command(
      MessageType<T> type, String order, String correlation, T payload, String group) {
    return new Sent(
        envelope(
            type.topic(),
            type.name(),
            order,
            correlation,
            payload,
            Map.of(Metadata.REPLY_TO, REPLIES, Metadata.SAGA_ID, order)),
        List.of(group));
  }

  private static Sent reply(
      String order, String correlation, MessageType<?> command, CommandReply body) {
    return new Sent(
        envelope(
            REPLIES,
            "common.CommandReply",
            order,
            correlation,
            body,
            Map.of(Metadata.COMMAND, command.name(), Metadata.SAGA_ID, order)),
        List.of(OrderingProbe.REPLY_GROUP));
  }

  private static Message envelope(
      String topic,
      String name,
      String key,
      String correlation,
      MessageLite payload,
      Map<String, String> extra) {
    Map<String, String> metadata = new HashMap<>(extra);
    metadata.put(
        Metadata.TRACEPARENT,
        "00-"
            + correlation.replace("-", "")
            + "-"
            + correlation.substring(0, 16).replace("-", "0")
            + "-01");
    metadata.put(Metadata.CORRELATION_ID, correlation);
    metadata.put(Metadata.CAUSATION_ID, UUID.randomUUID().toString());
    return Message.create(topic, name, key, payload.toByteArray()).withMetadata(metadata);
  }

  private static String uuid(long n, int kind) {
    return new UUID(0x6d616c6c626f7473L + kind, n).toString();
  }
}
