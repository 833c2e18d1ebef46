package io.mallbots.notifications.ports.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.notifications.domain.NotificationKind;
import io.mallbots.notifications.testing.RunningNotifications;
import io.mallbots.notifications.v1.GetNotificationsRequest;
import io.mallbots.notifications.v1.GetNotificationsResponse;
import io.mallbots.notifications.v1.Notification;
import io.mallbots.notifications.v1.NotificationsServiceGrpcClient;
import io.mallbots.notifications.v1.NotifyOrderCanceledRequest;
import io.mallbots.notifications.v1.NotifyOrderCreatedRequest;
import io.mallbots.notifications.v1.NotifyOrderReadyRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every NotificationsService RPC through a real vertx-grpc client: each notice recorded once, and
 * each error.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationsGrpcServerTest {

  private RunningNotifications service;
  private NotificationsServiceGrpcClient client;

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningNotifications.start(vertx, "notifications_grpc", "memory");
    client = service.grpc();
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void each_rpc_sends_and_records_its_notice() {
    String user = service.users().register("alice");
    String order = newOrder();

    client
        .notifyOrderCreated(
            NotifyOrderCreatedRequest.newBuilder().setOrderId(order).setUserId(user).build())
        .await();
    client
        .notifyOrderReady(
            NotifyOrderReadyRequest.newBuilder().setOrderId(order).setUserId(user).build())
        .await();
    client
        .notifyOrderCanceled(
            NotifyOrderCanceledRequest.newBuilder().setOrderId(order).setUserId(user).build())
        .await();

    assertThat(service.recorded(order, NotificationKind.CREATED))
        .get()
        .satisfies(
            n -> {
              assertThat(n.userId()).isEqualTo(user);
              assertThat(n.recipient()).isEqualTo("alice@example.com");
              assertThat(n.text()).isEqualTo("Hello alice, we received your order " + order + ".");
            });
    assertThat(service.recorded(order, NotificationKind.READY))
        .get()
        .satisfies(n -> assertThat(n.text()).contains("is ready for pick-up"));
    assertThat(service.recorded(order, NotificationKind.CANCELED))
        .get()
        .satisfies(n -> assertThat(n.text()).contains("was canceled"));
  }

  @Test
  void asking_again_succeeds_and_records_nothing_new() {
    String user = service.users().register("bob");
    String order = newOrder();
    var request = NotifyOrderReadyRequest.newBuilder().setOrderId(order).setUserId(user).build();

    client.notifyOrderReady(request).await();
    client.notifyOrderReady(request).await();

    assertThat(
            service.number("SELECT count(*) FROM notifications WHERE order_id = '" + order + "'"))
        .isEqualTo(1);
  }

  @Test
  void a_user_users_does_not_know_is_notified_by_id() {
    String stranger = UUID.randomUUID().toString();
    String order = newOrder();

    client
        .notifyOrderCreated(
            NotifyOrderCreatedRequest.newBuilder().setOrderId(order).setUserId(stranger).build())
        .await();

    assertThat(service.recorded(order, NotificationKind.CREATED))
        .get()
        .satisfies(n -> assertThat(n.recipient()).isEqualTo("user:" + stranger));
  }

  @Test
  void an_order_and_a_user_are_required() {
    String user = service.users().register("carol");
    assertStatus(
        () ->
            client.notifyOrderCreated(
                NotifyOrderCreatedRequest.newBuilder().setUserId(user).build()),
        GrpcStatus.INVALID_ARGUMENT);
    assertStatus(
        () ->
            client.notifyOrderReady(
                NotifyOrderReadyRequest.newBuilder().setOrderId(newOrder()).build()),
        GrpcStatus.INVALID_ARGUMENT);
    assertStatus(
        () ->
            client.notifyOrderCanceled(
                NotifyOrderCanceledRequest.newBuilder().setOrderId("  ").setUserId(user).build()),
        GrpcStatus.INVALID_ARGUMENT);
    assertStatus(
        () ->
            client.notifyOrderCanceled(
                NotifyOrderCanceledRequest.newBuilder()
                    .setOrderId("x".repeat(500))
                    .setUserId(user)
                    .build()),
        GrpcStatus.INVALID_ARGUMENT);
  }

  @Test
  void users_not_answering_is_unavailable_and_records_nothing() {
    String order = newOrder();
    service.users().silent(true);
    try {
      assertStatus(
          () ->
              client.notifyOrderCreated(
                  NotifyOrderCreatedRequest.newBuilder()
                      .setOrderId(order)
                      .setUserId(UUID.randomUUID().toString())
                      .build()),
          GrpcStatus.UNAVAILABLE);
    } finally {
      service.users().silent(false);
    }
    assertThat(service.recorded(order, NotificationKind.CREATED)).isEmpty();
  }

  @Test
  void a_users_notices_come_newest_first_page_by_page() {
    String user = service.users().register("fay");
    List<String> orders = List.of(newOrder(), newOrder(), newOrder());
    for (String order : orders) {
      client
          .notifyOrderCreated(
              NotifyOrderCreatedRequest.newBuilder().setOrderId(order).setUserId(user).build())
          .await();
    }
    client
        .notifyOrderReady(
            NotifyOrderReadyRequest.newBuilder().setOrderId(orders.get(0)).setUserId(user).build())
        .await();

    List<Notification> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String next = "";
    do {
      GetNotificationsResponse page =
          client
              .getNotifications(
                  GetNotificationsRequest.newBuilder()
                      .setUserId(user)
                      .setNext(next)
                      .setLimit(3)
                      .build())
              .await();
      seen.addAll(page.getNotificationsList());
      sizes.add(page.getNotificationsCount());
      next = page.getNext();
    } while (!next.isEmpty());

    assertThat(sizes).containsExactly(3, 1);
    assertThat(seen)
        .extracting(Notification::getOrderId)
        .containsExactly(orders.get(0), orders.get(2), orders.get(1), orders.get(0));
    assertThat(seen.get(0).getKind())
        .isEqualTo(io.mallbots.notifications.v1.NotificationKind.NOTIFICATION_KIND_READY);
    assertThat(seen.get(0).getText())
        .isEqualTo("Hello fay, your order " + orders.get(0) + " is ready for pick-up.");
    assertThat(seen.get(0).getRecipient()).isEqualTo("fay@example.com");
    assertThat(seen)
        .extracting(n -> n.getSentAt().getSeconds())
        .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(seen.get(3).getSentAt().getSeconds()).isPositive();
  }

  @Test
  void asking_for_notices_needs_a_user_a_sane_limit_and_a_real_cursor() {
    assertStatus(
        () -> client.getNotifications(GetNotificationsRequest.getDefaultInstance()),
        GrpcStatus.INVALID_ARGUMENT);
    assertStatus(
        () ->
            client.getNotifications(
                GetNotificationsRequest.newBuilder().setUserId("u-1").setLimit(-1).build()),
        GrpcStatus.INVALID_ARGUMENT);
    assertStatus(
        () ->
            client.getNotifications(
                GetNotificationsRequest.newBuilder().setUserId("u-1").setNext("made-up").build()),
        GrpcStatus.INVALID_ARGUMENT);
    assertThat(
            client
                .getNotifications(
                    GetNotificationsRequest.newBuilder()
                        .setUserId(UUID.randomUUID().toString())
                        .build())
                .await())
        .isEqualTo(GetNotificationsResponse.getDefaultInstance());
  }

  private static String newOrder() {
    return UUID.randomUUID().toString();
  }

  /** The client sees the status only; the JSON bridge test checks the messages. */
  private static void assertStatus(Supplier<Future<?>> call, GrpcStatus status) {
    assertThatThrownBy(() -> call.get().await())
        .isInstanceOfSatisfying(
            InvalidStatusException.class, e -> assertThat(e.actualStatus()).isEqualTo(status));
  }
}
