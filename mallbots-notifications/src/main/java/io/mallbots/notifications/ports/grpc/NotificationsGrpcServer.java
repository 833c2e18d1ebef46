package io.mallbots.notifications.ports.grpc;

import com.google.protobuf.Timestamp;
import io.mallbots.core.domain.Actor;
import io.mallbots.core.rpc.RpcCaller;
import io.mallbots.notifications.application.NotificationsApplication;
import io.mallbots.notifications.application.commands.NotifyOrder;
import io.mallbots.notifications.application.queries.GetNotifications;
import io.mallbots.notifications.domain.NoticePage;
import io.mallbots.notifications.domain.Notification;
import io.mallbots.notifications.domain.NotificationKind;
import io.mallbots.notifications.domain.OrderNotice;
import io.mallbots.notifications.v1.GetNotificationsRequest;
import io.mallbots.notifications.v1.GetNotificationsResponse;
import io.mallbots.notifications.v1.NotificationsServiceService;
import io.mallbots.notifications.v1.NotifyOrderCanceledRequest;
import io.mallbots.notifications.v1.NotifyOrderCanceledResponse;
import io.mallbots.notifications.v1.NotifyOrderCreatedRequest;
import io.mallbots.notifications.v1.NotifyOrderCreatedResponse;
import io.mallbots.notifications.v1.NotifyOrderReadyRequest;
import io.mallbots.notifications.v1.NotifyOrderReadyResponse;
import io.vertx.core.Future;

/**
 * NotificationsService over gRPC and the JSON bridge: each RPC is the notice its event would give.
 * Asking again for a notification already sent succeeds and sends nothing; GetNotifications pages
 * through what a user was sent. Called on the service verticle's event loop.
 */
public final class NotificationsGrpcServer extends NotificationsServiceService {

  private final NotificationsApplication app;

  public NotificationsGrpcServer(NotificationsApplication app) {
    this.app = app;
  }

  @Override
  public Future<NotifyOrderCreatedResponse> notifyOrderCreated(NotifyOrderCreatedRequest request) {
    return notifyOrder(request.getOrderId(), request.getUserId(), NotificationKind.CREATED)
        .map(NotifyOrderCreatedResponse.getDefaultInstance());
  }

  @Override
  public Future<NotifyOrderCanceledResponse> notifyOrderCanceled(
      NotifyOrderCanceledRequest request) {
    return notifyOrder(request.getOrderId(), request.getUserId(), NotificationKind.CANCELED)
        .map(NotifyOrderCanceledResponse.getDefaultInstance());
  }

  @Override
  public Future<NotifyOrderReadyResponse> notifyOrderReady(NotifyOrderReadyRequest request) {
    return notifyOrder(request.getOrderId(), request.getUserId(), NotificationKind.READY)
        .map(NotifyOrderReadyResponse.getDefaultInstance());
  }

  @Override
  public Future<GetNotificationsResponse> getNotifications(GetNotificationsRequest request) {
    Actor actor = RpcCaller.actor();
    return app.notificationsOf(
            new GetNotifications(actor, request.getUserId(), request.getNext(), request.getLimit()))
        .map(page -> response(page, request.getUserId()));
  }

  private static GetNotificationsResponse response(NoticePage page, String userId) {
    var response = GetNotificationsResponse.newBuilder();
    page.notices().forEach(notice -> response.addNotifications(notification(notice)));
    page.next().ifPresent(cursor -> response.setNext(cursor.encode(userId.strip())));
    return response.build();
  }

  private static io.mallbots.notifications.v1.Notification notification(Notification notice) {
    return io.mallbots.notifications.v1.Notification.newBuilder()
        .setOrderId(notice.orderId())
        .setKind(kind(notice.kind()))
        .setSentAt(
            Timestamp.newBuilder()
                .setSeconds(notice.sentAt().getEpochSecond())
                .setNanos(notice.sentAt().getNano()))
        .setText(notice.text())
        .setRecipient(notice.recipient())
        .build();
  }

  private static io.mallbots.notifications.v1.NotificationKind kind(NotificationKind kind) {
    return switch (kind) {
      case CREATED -> io.mallbots.notifications.v1.NotificationKind.NOTIFICATION_KIND_CREATED;
      case READY -> io.mallbots.notifications.v1.NotificationKind.NOTIFICATION_KIND_READY;
      case CANCELED -> io.mallbots.notifications.v1.NotificationKind.NOTIFICATION_KIND_CANCELED;
    };
  }

  private Future<Void> notifyOrder(String orderId, String userId, NotificationKind kind) {
    return app.notifyOrder(new NotifyOrder(new OrderNotice(orderId, userId, kind)));
  }
}
