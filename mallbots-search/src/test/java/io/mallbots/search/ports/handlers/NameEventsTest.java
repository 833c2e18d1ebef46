package io.mallbots.search.ports.handlers;

import static io.mallbots.search.testing.Events.USER_TOPIC;
import static io.mallbots.search.testing.Events.created;
import static io.mallbots.search.testing.Events.item;
import static io.mallbots.search.testing.Events.productAdded;
import static io.mallbots.search.testing.Events.productRebranded;
import static io.mallbots.search.testing.Events.storeCreated;
import static io.mallbots.search.testing.Events.storeRebranded;
import static io.mallbots.search.testing.Events.userRegistered;
import static io.mallbots.search.testing.Events.userUpdated;
import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.core.messaging.Message;
import io.mallbots.search.domain.OrderItem;
import io.mallbots.search.domain.OrderView;
import io.mallbots.search.testing.Events;
import io.mallbots.search.testing.RunningSearch;
import io.mallbots.stores.v1.ProductPriceChanged;
import io.mallbots.stores.v1.StoreParticipationToggled;
import io.mallbots.users.v1.UserDisabled;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Users' and stores' events (groups search-users, search-stores, search-products) name the orders:
 * a name heard before the order is on it from the start, a name heard after it reaches the orders
 * recorded already, and a rename reaches every order. Topics are independent, so both ways round
 * are normal.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NameEventsTest {

  private static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");

  private RunningSearch service;
  private List<Message> deadLetters;
  private String orderId;
  private String userId;
  private String storeId;
  private String productId;

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningSearch.start(vertx, "search_name_events", "memory");
    deadLetters = service.watch(USER_TOPIC + ".dlq");
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @BeforeEach
  void newIds() {
    orderId = UUID.randomUUID().toString();
    userId = UUID.randomUUID().toString();
    storeId = UUID.randomUUID().toString();
    productId = UUID.randomUUID().toString();
  }

  @Test
  void names_heard_before_the_order_are_on_it_from_the_start() {
    service.handled(
        userRegistered(userId, "kim"),
        storeCreated(storeId, "Widgets"),
        productAdded(productId, storeId, "Widget"));

    service.handled(placed());

    assertThat(order().userName()).isEqualTo("kim");
    assertThat(firstItem().storeName()).isEqualTo("Widgets");
    assertThat(firstItem().productName()).isEqualTo("Widget");
  }

  @Test
  void names_heard_after_the_order_reach_it() {
    service.handled(placed());
    assertThat(order().userName()).isEmpty();
    assertThat(firstItem().productName()).isEqualTo("basket name of " + productId);

    service.handled(
        userRegistered(userId, "kim"),
        storeCreated(storeId, "Widgets"),
        productAdded(productId, storeId, "Widget"));

    assertThat(order().userName()).isEqualTo("kim");
    assertThat(firstItem().storeName()).isEqualTo("Widgets");
    assertThat(firstItem().productName()).isEqualTo("Widget");
  }

  @Test
  void renames_reach_every_order_of_the_user_store_or_product() {
    String other = UUID.randomUUID().toString();
    service.handled(
        userRegistered(userId, "kim"),
        storeCreated(storeId, "Widgets"),
        productAdded(productId, storeId, "Widget"),
        placed(),
        created(other, userId, AT.plusSeconds(1), item(storeId, productId)));

    service.handled(
        userUpdated(userId, "kimberly"),
        storeRebranded(storeId, "Widgets & Co"),
        productRebranded(productId, "Widget Pro"));

    for (String id : List.of(orderId, other)) {
      OrderView order = service.order(id).orElseThrow();
      assertThat(order.userName()).isEqualTo("kimberly");
      assertThat(order.items().get(0).storeName()).isEqualTo("Widgets & Co");
      assertThat(order.items().get(0).productName()).isEqualTo("Widget Pro");
    }
  }

  @Test
  void a_rename_heard_before_the_order_names_it_too() {
    service.handled(storeCreated(storeId, "Widgets"), storeRebranded(storeId, "Widgets & Co"));

    service.handled(placed());

    assertThat(firstItem().storeName()).isEqualTo("Widgets & Co");
  }

  @Test
  void a_first_name_heard_again_after_a_rename_does_not_undo_it() {
    service.handled(userRegistered(userId, "kim"), placed(), userUpdated(userId, "kimberly"));

    service.handled(
        userRegistered(userId, "kim")); // redelivered from a dead-letter replay, in a new envelope

    assertThat(order().userName()).isEqualTo("kimberly");
  }

  @Test
  void a_name_event_delivered_twice_has_one_effect() {
    Message registered = userRegistered(userId, "kim");

    service.publish(registered);
    service.handled(registered);

    assertThat(service.number("SELECT count(*) FROM users WHERE user_id = '" + userId + "'"))
        .isEqualTo(1);
    assertThat(
            service.number(
                "SELECT count(*) FROM inbox WHERE message_id = '" + registered.id() + "'"))
        .isEqualTo(1);
  }

  @Test
  void events_without_names_are_passed_over_without_an_inbox_record() {
    service.handled(storeCreated(storeId, "Widgets"), placed());
    List<Message> passedOver =
        List.of(
            Events.envelope(
                USER_TOPIC,
                "users.UserDisabled",
                userId,
                UserDisabled.newBuilder().setId(userId).build()),
            Events.envelope(
                Events.STORE_TOPIC,
                "stores.StoreParticipationToggled",
                storeId,
                StoreParticipationToggled.newBuilder()
                    .setId(storeId)
                    .setParticipating(true)
                    .build()),
            Events.envelope(
                Events.PRODUCT_TOPIC,
                "stores.ProductPriceChanged",
                productId,
                ProductPriceChanged.newBuilder()
                    .setId(productId)
                    .setDelta(1)
                    .setPrice(3.5)
                    .build()));
    passedOver.forEach(service::publish);

    // Each topic delivers a key's events in order: once these are handled, the ones before them
    // were too.
    service.handled(
        userUpdated(userId, "kim"),
        storeRebranded(storeId, "Widgets"),
        productRebranded(productId, "Widget"));

    assertThat(passedOver).noneMatch(service::taken);
    assertThat(deadLetters).extracting(Message::id).doesNotContain(passedOver.get(0).id());
    assertThat(firstItem().storeName()).isEqualTo("Widgets");
    assertThat(firstItem().price().toString()).isEqualTo("2.50");
  }

  @Test
  void an_undecodable_user_event_ends_in_the_dead_letters_and_the_next_one_is_handled() {
    Message poison =
        Message.create(USER_TOPIC, "users.UserRegistered", userId, new byte[] {0x0a, 0x7f});

    service.publish(poison);
    service.handled(placed(), userUpdated(userId, "kim"));

    service.deadLettered(deadLetters, poison);
    assertThat(order().userName()).isEqualTo("kim");
  }

  private Message placed() {
    return created(orderId, userId, AT, item(storeId, productId));
  }

  private OrderView order() {
    return service.order(orderId).orElseThrow();
  }

  private OrderItem firstItem() {
    return order().items().get(0);
  }
}
