package io.mallbots.common.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mallbots.baskets.v1.BasketsContract;
import io.mallbots.ordering.v1.OrderingContract;
import io.mallbots.payments.v1.PaymentsContract;
import io.mallbots.stores.v1.StoresContract;
import io.mallbots.users.v1.UsersContract;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contracts keep the names already on the wire: before them, publishers named a message {@code
 * <service>.<ProtoMessage>} and the topics were {@code mallbots.<service>....}. A contract constant
 * that drifts from that would strand every consumer and every stored outbox row.
 */
class ContractsTest {

  private static final List<Class<?>> CONTRACTS =
      List.of(
          BasketsContract.class,
          OrderingContract.class,
          PaymentsContract.class,
          StoresContract.class,
          UsersContract.class);

  @Test
  void every_message_is_named_by_its_service_and_its_proto_message() throws Exception {
    for (Class<?> contract : CONTRACTS) {
      String service = contract.getPackageName().split("\\.")[2];
      List<MessageType<?>> types = types(contract);
      assertThat(types).as(contract.getSimpleName()).isNotEmpty();
      for (MessageType<?> type : types) {
        String proto = type.parse(new byte[0]).getDescriptorForType().getName();
        assertThat(type.name()).isEqualTo(service + "." + proto);
        assertThat(type.topic()).startsWith("mallbots." + service + ".");
      }
    }
  }

  @Test
  void the_switchable_names_are_the_typed_ones() throws Exception {
    for (Class<?> contract : CONTRACTS) {
      Class<?> names = Class.forName(contract.getName() + "$Names");
      for (Field field : contract.getFields()) {
        if (field.getType() == MessageType.class) {
          MessageType<?> type = (MessageType<?>) field.get(null);
          assertThat(names.getField(field.getName()).get(null))
              .as(field.getName())
              .isEqualTo(type.name());
        }
      }
    }
  }

  @Test
  void the_topics_are_those_on_the_wire_today() {
    assertThat(
            List.of(
                BasketsContract.BASKET_EVENTS,
                StoresContract.STORE_EVENTS,
                StoresContract.PRODUCT_EVENTS,
                UsersContract.USER_EVENTS,
                UsersContract.COMMANDS,
                PaymentsContract.PAYMENT_EVENTS,
                PaymentsContract.INVOICE_EVENTS,
                PaymentsContract.COMMANDS,
                OrderingContract.ORDER_EVENTS,
                OrderingContract.COMMANDS,
                OrderingContract.CREATE_ORDER_REPLIES))
        .containsExactly(
            "mallbots.baskets.events.Basket",
            "mallbots.stores.events.Store",
            "mallbots.stores.events.Product",
            "mallbots.users.events.User",
            "mallbots.users.commands",
            "mallbots.payments.events.Payment",
            "mallbots.payments.events.Invoice",
            "mallbots.payments.commands",
            "mallbots.ordering.events.Order",
            "mallbots.ordering.commands",
            "mallbots.ordering.replies.CreateOrder");
  }

  @Test
  void an_unreadable_payload_does_not_parse() {
    assertThatThrownBy(() -> UsersContract.USER_REGISTERED.parse(new byte[] {(byte) 0xFF}))
        .isInstanceOf(InvalidProtocolBufferException.class);
  }

  private static List<MessageType<?>> types(Class<?> contract) throws IllegalAccessException {
    List<MessageType<?>> types = new ArrayList<>();
    for (Field field : contract.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == MessageType.class) {
        types.add((MessageType<?>) field.get(null));
      }
    }
    return types;
  }
}
