package io.mallbots.payments;

import io.mallbots.core.testing.RunningService;
import io.mallbots.payments.agent.PaymentsVerticle;
import io.mallbots.payments.v1.AuthorizePaymentRequest;
import io.mallbots.payments.v1.PaymentsServiceGrpcClient;
import io.vertx.core.Vertx;

/** The payments service deployed for a test class ({@link RunningService}). */
public final class RunningPayments extends RunningService<PaymentsVerticle> {

  private RunningPayments(Vertx vertx, String schemaPrefix, String eventServer) {
    super(vertx, schemaPrefix, eventServer, PaymentsVerticle::new);
  }

  /** On the in-JVM broker, on a Vert.x of its own. */
  public static RunningPayments start(String schemaPrefix) {
    return start(null, schemaPrefix, "memory");
  }

  /** On {@code eventServer}: kafka, nats or memory, on a Vert.x of its own. */
  public static RunningPayments start(String schemaPrefix, String eventServer) {
    return start(null, schemaPrefix, eventServer);
  }

  /** On {@code vertx} (e.g. injected by {@code VertxExtension}) and {@code eventServer}. */
  public static RunningPayments start(Vertx vertx, String schemaPrefix, String eventServer) {
    RunningPayments service = new RunningPayments(vertx, schemaPrefix, eventServer);
    service.start();
    return service;
  }

  public PaymentsServiceGrpcClient grpc() {
    return PaymentsServiceGrpcClient.create(grpcClient(), grpcAddress());
  }

  /** A new payment of {@code amount} for user-1, through gRPC. */
  public String authorize(double amount) {
    return grpc()
        .authorizePayment(
            AuthorizePaymentRequest.newBuilder().setUserId("user-1").setAmount(amount).build())
        .await()
        .getId();
  }
}
