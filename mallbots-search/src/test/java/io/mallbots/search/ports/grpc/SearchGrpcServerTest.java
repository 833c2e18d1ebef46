package io.mallbots.search.ports.grpc;

import static io.mallbots.search.testing.Events.approved;
import static io.mallbots.search.testing.Events.created;
import static io.mallbots.search.testing.Events.item;
import static io.mallbots.search.testing.Events.productAdded;
import static io.mallbots.search.testing.Events.storeCreated;
import static io.mallbots.search.testing.Events.userRegistered;
import static io.mallbots.search.testing.RunningSearch.failsWith;
import static io.vertx.grpc.common.GrpcStatus.INVALID_ARGUMENT;
import static io.vertx.grpc.common.GrpcStatus.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.mallbots.search.testing.RunningSearch;
import io.mallbots.search.v1.GetOrderRequest;
import io.mallbots.search.v1.Order;
import io.mallbots.search.v1.OrderStatus;
import io.mallbots.search.v1.SearchOrdersRequest;
import io.mallbots.search.v1.SearchOrdersRequest.Filters;
import io.mallbots.search.v1.SearchOrdersResponse;
import io.mallbots.search.v1.SearchServiceGrpcClient;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SearchService through a real vertx-grpc client, fed by events on the in-JVM broker: happy paths
 * and each error.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchGrpcServerTest {

  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private RunningSearch service;
  private SearchServiceGrpcClient search;
  private final String user = UUID.randomUUID().toString();
  private final String store = UUID.randomUUID().toString();
  private final String product = UUID.randomUUID().toString();
  private final List<String> orders = new ArrayList<>();

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningSearch.start(vertx, "search_grpc", "memory");
    search = service.grpc();
    service.handled(
        userRegistered(user, "kim"),
        storeCreated(store, "Widgets"),
        productAdded(product, store, "Widget"));
    for (int i = 0; i < 3; i++) {
      String orderId = UUID.randomUUID().toString();
      orders.add(orderId);
      service.handled(created(orderId, user, T0.plusSeconds(60L * i), item(store, product)));
    }
    service.handled(approved(orders.get(1)));
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void an_order_is_served_with_its_names_total_status_and_time() {
    Order order =
        search
            .getOrder(GetOrderRequest.newBuilder().setId(orders.get(1)).build())
            .await()
            .getOrder();

    assertThat(order)
        .isEqualTo(
            Order.newBuilder()
                .setOrderId(orders.get(1))
                .setUserId(user)
                .setUserName("kim")
                .addItems(
                    Order.Item.newBuilder()
                        .setProductId(product)
                        .setStoreId(store)
                        .setProductName("Widget")
                        .setStoreName("Widgets")
                        .setPrice(2.5)
                        .setQuantity(1))
                .setTotal(2.5)
                .setStatus(OrderStatus.ORDER_STATUS_APPROVED)
                .setCreatedAt(Timestamp.newBuilder().setSeconds(T0.getEpochSecond() + 60))
                .build());
  }

  @Test
  void a_user_s_orders_come_newest_first_page_by_page() {
    SearchOrdersResponse first = search(mine().build(), "", 2);
    SearchOrdersResponse second = search(mine().build(), first.getNext(), 2);

    assertThat(first.getOrdersList())
        .extracting(Order::getOrderId)
        .containsExactly(orders.get(2), orders.get(1));
    assertThat(first.getNext()).isNotEmpty();
    assertThat(second.getOrdersList()).extracting(Order::getOrderId).containsExactly(orders.get(0));
    assertThat(second.getNext()).isEmpty();
  }

  @Test
  void every_filter_of_the_request_applies() {
    assertThat(ids(mine().setStatus(OrderStatus.ORDER_STATUS_APPROVED)))
        .containsExactly(orders.get(1));
    assertThat(ids(mine().setAfter(at(T0.plusSeconds(60)))))
        .containsExactly(orders.get(2), orders.get(1));
    assertThat(ids(mine().setBefore(at(T0.plusSeconds(60))))).containsExactly(orders.get(0));
    assertThat(ids(mine().addStoreIds(store))).hasSize(3);
    assertThat(ids(mine().addStoreIds(UUID.randomUUID().toString()))).isEmpty();
    assertThat(ids(mine().addProductIds(product))).hasSize(3);
    assertThat(ids(mine().setMinTotal(2.5).setMaxTotal(2.5))).hasSize(3);
    assertThat(ids(mine().setMinTotal(2.51))).isEmpty();
    assertThat(ids(mine().setMaxTotal(2.49))).isEmpty();
  }

  @Test
  void a_page_holds_twenty_orders_unless_asked_otherwise() {
    String busy = UUID.randomUUID().toString();
    for (int i = 0; i < 21; i++) {
      service.handled(created(UUID.randomUUID().toString(), busy, T0.plusSeconds(i)));
    }
    Filters filters = Filters.newBuilder().setUserId(busy).build();

    assertThat(search(filters, "", 0).getOrdersCount()).isEqualTo(20);
    assertThat(search(filters, "", 500).getOrdersCount()).isEqualTo(21);
  }

  @Test
  void a_cursor_that_is_garbage_tampered_or_from_other_filters_is_invalid() {
    String next = search(mine().build(), "", 1).getNext();
    String tampered =
        next.substring(0, 5) + (next.charAt(5) == 'A' ? 'B' : 'A') + next.substring(6);

    failsWith(INVALID_ARGUMENT, () -> search.searchOrders(request(mine().build(), "garbage!", 1)));
    failsWith(INVALID_ARGUMENT, () -> search.searchOrders(request(mine().build(), tampered, 1)));
    failsWith(
        INVALID_ARGUMENT,
        () -> search.searchOrders(request(Filters.getDefaultInstance(), next, 1)));
  }

  @Test
  void a_time_range_that_ends_before_it_starts_is_invalid() {
    failsWith(
        INVALID_ARGUMENT,
        () ->
            search.searchOrders(request(mine().setAfter(at(T0)).setBefore(at(T0)).build(), "", 1)));
    failsWith(
        INVALID_ARGUMENT,
        () ->
            search.searchOrders(
                request(
                    mine().setAfter(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE)).build(),
                    "",
                    1)));
  }

  @Test
  void totals_that_are_negative_no_number_or_crossed_are_invalid() {
    for (Filters filters :
        List.of(
            mine().setMinTotal(-1).build(),
            mine().setMaxTotal(Double.NaN).build(),
            mine().setMinTotal(Double.POSITIVE_INFINITY).build(),
            mine().setMinTotal(5).setMaxTotal(4).build())) {
      failsWith(INVALID_ARGUMENT, () -> search.searchOrders(request(filters, "", 1)));
    }
  }

  @Test
  void an_unknown_status_or_an_empty_id_in_a_list_is_invalid() {
    failsWith(
        INVALID_ARGUMENT,
        () -> search.searchOrders(request(mine().setStatusValue(99).build(), "", 1)));
    failsWith(
        INVALID_ARGUMENT,
        () -> search.searchOrders(request(mine().addStoreIds("").build(), "", 1)));
  }

  @Test
  void an_unknown_order_is_not_found_and_a_missing_id_is_invalid() {
    failsWith(
        NOT_FOUND,
        () ->
            search.getOrder(
                GetOrderRequest.newBuilder().setId(UUID.randomUUID().toString()).build()));
    failsWith(
        NOT_FOUND, () -> search.getOrder(GetOrderRequest.newBuilder().setId("not-a-uuid").build()));
    failsWith(INVALID_ARGUMENT, () -> search.getOrder(GetOrderRequest.getDefaultInstance()));
  }

  @Test
  void an_order_known_only_by_a_status_event_is_not_found_yet() {
    String early = UUID.randomUUID().toString();
    service.handled(approved(early));

    failsWith(NOT_FOUND, () -> search.getOrder(GetOrderRequest.newBuilder().setId(early).build()));
  }

  private Filters.Builder mine() {
    return Filters.newBuilder().setUserId(user);
  }

  private List<String> ids(Filters.Builder filters) {
    return search(filters.build(), "", 100).getOrdersList().stream()
        .map(Order::getOrderId)
        .toList();
  }

  private SearchOrdersResponse search(Filters filters, String next, int limit) {
    return search.searchOrders(request(filters, next, limit)).await();
  }

  private static SearchOrdersRequest request(Filters filters, String next, int limit) {
    return SearchOrdersRequest.newBuilder()
        .setFilters(filters)
        .setNext(next)
        .setLimit(limit)
        .build();
  }

  private static Timestamp at(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }
}
