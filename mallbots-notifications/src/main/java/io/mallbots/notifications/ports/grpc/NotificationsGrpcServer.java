package io.mallbots.notifications.ports.grpc;

import io.mallbots.notifications.application.NotificationsApplication;
import io.mallbots.notifications.application.commands.NotifyOrder;
import io.mallbots.notifications.domain.NotificationKind;
import io.mallbots.notifications.domain.OrderNotice;
import io.mallbots.notifications.v1.NotificationsServiceService;
import io.mallbots.notifications.v1.NotifyOrderCanceledRequest;
import io.mallbots.notifications.v1.NotifyOrderCanceledResponse;
import io.mallbots.notifications.v1.NotifyOrderCreatedRequest;
import io.mallbots.notifications.v1.NotifyOrderCreatedResponse;
import io.mallbots.notifications.v1.NotifyOrderReadyRequest;
import io.mallbots.notifications.v1.NotifyOrderReadyResponse;
import io.vertx.core.Future;

/**
 * NotificationsService over gRPC and the JSON bridge: each RPC is the notice its event would give. Asking
 * again for a notification already sent succeeds and sends nothing. Called on the service verticle's event loop.
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
  public Future<NotifyOrderCanceledResponse> notifyOrderCanceled(NotifyOrderCanceledRequest request) {
    return notifyOrder(request.getOrderId(), request.getUserId(), NotificationKind.CANCELED)
        .map(NotifyOrderCanceledResponse.getDefaultInstance());
  }

  @Override
  public Future<NotifyOrderReadyResponse> notifyOrderReady(NotifyOrderReadyRequest request) {
    return notifyOrder(request.getOrderId(), request.getUserId(), NotificationKind.READY)
        .map(NotifyOrderReadyResponse.getDefaultInstance());
  }

  private Future<Void> notifyOrder(String orderId, String userId, NotificationKind kind) {
    return app.notifyOrder(new NotifyOrder(new OrderNotice(orderId, userId, kind)));
  }
}
