package io.mallbots.search.agent;

import static io.mallbots.search.testing.Events.ORDER_TOPIC;
import static io.mallbots.search.testing.Events.approved;
import static io.mallbots.search.testing.Events.created;
import static io.mallbots.search.testing.Events.item;
import static io.mallbots.search.testing.Events.productRebranded;
import static io.mallbots.search.testing.Events.readied;
import static io.mallbots.search.testing.Events.storeCreated;
import static io.mallbots.search.testing.Events.userRegistered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.messaging.Message;
import io.mallbots.search.domain.OrderStatus;
import io.mallbots.search.testing.RunningSearch;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Search on a real broker, as ordering, users and stores reach it: their events, on their four
 * topics, become the read model; a poison event goes out to the dead-letter topic while the events
 * behind it keep flowing. Search publishes no events of its own. Subclassed per broker, unchanged;
 * ids are new in every run, since brokers keep what earlier runs published.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SearchOnTheBrokerContract {

  private static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");
  private RunningSearch service;
  private List<Message> deadLetters;

  /** kafka, nats or memory. */
  abstract String eventServer();

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningSearch.start(vertx, "search_" + eventServer(), eventServer());
    deadLetters = service.watch(ORDER_TOPIC + ".dlq");
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void an_order_s_events_keep_its_row_and_status() {
    String orderId = UUID.randomUUID().toString();

    service.publish(created(orderId, "user-1", AT, item("store-1", "product-1")));
    service.publish(approved(orderId));
    service.publish(readied(orderId));

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(service.order(orderId))
                    .hasValueSatisfying(
                        order -> assertThat(order.status()).isEqualTo(OrderStatus.READY)));
  }

  @Test
  void names_from_users_and_stores_reach_an_order_recorded_before_them() {
    String orderId = UUID.randomUUID().toString();
    String userId = UUID.randomUUID().toString();
    String storeId = UUID.randomUUID().toString();
    String productId = UUID.randomUUID().toString();
    service.publish(created(orderId, userId, AT, item(storeId, productId)));
    await().atMost(Duration.ofSeconds(60)).until(() -> service.order(orderId).isPresent());

    service.publish(userRegistered(userId, "kim"));
    service.publish(storeCreated(storeId, "Widgets"));
    service.publish(productRebranded(productId, "Widget Pro"));

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              var order = service.order(orderId).orElseThrow();
              assertThat(order.userName()).isEqualTo("kim");
              assertThat(order.items().get(0).storeName()).isEqualTo("Widgets");
              assertThat(order.items().get(0).productName()).isEqualTo("Widget Pro");
            });
  }

  @Test
  void a_poison_order_event_goes_to_the_dead_letters_and_the_next_one_of_its_order_is_handled() {
    String orderId = UUID.randomUUID().toString();
    Message poison =
        Message.create(ORDER_TOPIC, "ordering.OrderCreated", orderId, new byte[] {0x0a, 0x7f});

    service.publish(poison);
    service.publish(approved(orderId));

    service.deadLettered(deadLetters, poison);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                service.number(
                        "SELECT count(*) FROM orders WHERE order_id = '"
                            + orderId
                            + "' AND status = 'APPROVED'")
                    == 1);
  }
}
