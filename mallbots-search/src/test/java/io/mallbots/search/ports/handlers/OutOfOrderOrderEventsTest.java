package io.mallbots.search.ports.handlers;

import static io.mallbots.search.testing.Events.ORDER_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.ordering.v1.OrderApproved;
import io.mallbots.ordering.v1.OrderCompleted;
import io.mallbots.ordering.v1.OrderCreated;
import io.mallbots.ordering.v1.OrderReadied;
import io.mallbots.ordering.v1.OrderRejected;
import io.mallbots.search.domain.OrderStatus;
import io.mallbots.search.testing.Events;
import io.mallbots.search.testing.RunningSearch;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ordering's order events carrying their order's version, delivered out of order (a replay, a
 * dead-letter re-drive, the broker being drained after a swap), through the deployed service's
 * handler and its database: a row keeps the newest version it heard of and an older event changes
 * nothing; an event without a version applies by status rank, as before.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutOfOrderOrderEventsTest {

  private static final Instant AT = Instant.parse("2024-05-01T10:15:30Z");

  private RunningSearch service;
  private String orderId;

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningSearch.start(vertx, "search_order_versions", "memory");
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @BeforeEach
  void newOrder() {
    orderId = UUID.randomUUID().toString();
  }

  @Test
  void newer_versions_move_the_order_on_and_the_row_keeps_the_newest() {
    service.handled(created(1), approved(2), readied(3), completed(5));

    assertThat(status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(version()).isEqualTo(5);
  }

  @Test
  void a_status_older_than_the_version_held_changes_nothing_even_a_final_one() {
    service.handled(created(1), approved(2), readied(3));

    service.handled(rejected(2));

    assertThat(status()).isEqualTo(OrderStatus.READY);
    assertThat(version()).isEqualTo(3);
  }

  @Test
  void an_order_created_after_its_newer_status_keeps_that_status_and_version() {
    service.handled(readied(3));

    service.handled(created(1));
    service.handled(rejected(2));

    assertThat(status()).isEqualTo(OrderStatus.READY);
    assertThat(version()).isEqualTo(3);
  }

  @Test
  void events_without_a_version_apply_by_status_rank_as_before() {
    service.handled(created(1), approved(2));

    service.handled(readied(0));

    assertThat(status()).isEqualTo(OrderStatus.READY);
    assertThat(version()).isEqualTo(2);
  }

  private OrderStatus status() {
    return service.order(orderId).orElseThrow().status();
  }

  private long version() {
    return service.number("SELECT version FROM orders WHERE order_id = '" + orderId + "'");
  }

  private Message created(long version) {
    OrderCreated created =
        OrderCreated.newBuilder()
            .setId(orderId)
            .setUserId("user-1")
            .setPaymentId("payment-1")
            .addItems(Events.item("store-1", "product-1"))
            .setTotal(2.5)
            .setVersion(version)
            .build();
    return Events.envelope(ORDER_TOPIC, "ordering.OrderCreated", orderId, created)
        .withMetadata(Metadata.OCCURRED_AT, AT.toString());
  }

  private Message approved(long version) {
    return Events.envelope(
        ORDER_TOPIC,
        "ordering.OrderApproved",
        orderId,
        OrderApproved.newBuilder().setId(orderId).setVersion(version).build());
  }

  private Message readied(long version) {
    return Events.envelope(
        ORDER_TOPIC,
        "ordering.OrderReadied",
        orderId,
        OrderReadied.newBuilder().setId(orderId).setTotal(2.5).setVersion(version).build());
  }

  private Message rejected(long version) {
    return Events.envelope(
        ORDER_TOPIC,
        "ordering.OrderRejected",
        orderId,
        OrderRejected.newBuilder().setId(orderId).setCode("X").setVersion(version).build());
  }

  private Message completed(long version) {
    return Events.envelope(
        ORDER_TOPIC,
        "ordering.OrderCompleted",
        orderId,
        OrderCompleted.newBuilder().setId(orderId).setVersion(version).build());
  }
}
