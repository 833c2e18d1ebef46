package io.mallbots.payments;

import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.testing.TestDatabases;
import io.mallbots.core.testing.TestServices;
import io.mallbots.payments.agent.PaymentsVerticle;
import io.mallbots.payments.v1.AuthorizePaymentRequest;
import io.mallbots.payments.v1.PaymentsServiceGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.grpc.client.GrpcClient;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The payments service deployed for a test class, the way it runs: its own schema, ephemeral ports, the
 * chosen broker (the in-JVM one by default), real gRPC and HTTP clients.
 */
public final class RunningPayments implements AutoCloseable {

  private final PostgresSettings database;
  private final Vertx vertx;
  private final PaymentsVerticle verticle;
  private final PaymentsServiceGrpcClient grpc;
  private final WebClient http;
  private EventStream observer;

  private RunningPayments(PostgresSettings database, Vertx vertx, PaymentsVerticle verticle) {
    this.database = database;
    this.vertx = vertx;
    this.verticle = verticle;
    this.grpc = PaymentsServiceGrpcClient.create(GrpcClient.client(vertx),
        SocketAddress.inetSocketAddress(verticle.agent().grpcPort(), "127.0.0.1"));
    this.http = WebClient.create(vertx);
  }

  /** On the in-JVM broker. */
  public static RunningPayments start(String schemaPrefix) {
    return start(schemaPrefix, "memory");
  }

  /** On {@code eventServer}: kafka, nats or memory. */
  public static RunningPayments start(String schemaPrefix, String eventServer) {
    PostgresSettings database = TestDatabases.freshSchema(schemaPrefix);
    Vertx vertx = Vertx.vertx();
    var verticle = new PaymentsVerticle(TestServices.overrides(database, eventServer));
    vertx.deployVerticle(verticle).await();
    return new RunningPayments(database, vertx, verticle);
  }

  public Vertx vertx() {
    return vertx;
  }

  public PaymentsServiceGrpcClient grpc() {
    return grpc;
  }

  /** Calls {@code rpc} on the JSON bridge. */
  public HttpResponse<Buffer> post(String rpc, String json) {
    return http.post(verticle.agent().httpPort(), "127.0.0.1", "/v1/api/payments/" + rpc)
        .sendBuffer(Buffer.buffer(json)).await();
  }

  /** A new payment of {@code amount} for user-1, through gRPC. */
  public String authorize(double amount) {
    return grpc.authorizePayment(AuthorizePaymentRequest.newBuilder().setUserId("user-1").setAmount(amount).build())
        .await().getId();
  }

  /** Publishes on the service's broker, as another service would. */
  public void publish(Message message) {
    observer().publish(message).await();
  }

  /** What is published on {@code topic} of the service's broker, from the start, seen by a group of its own. */
  public List<Message> watch(String topic) {
    List<Message> seen = new CopyOnWriteArrayList<>();
    observer().subscribe(topic, "test-" + UUID.randomUUID(), message -> {
      seen.add(message);
      return Future.succeededFuture();
    }).await();
    return seen;
  }

  /** A connection of the test's own to the broker the service uses. */
  private synchronized EventStream observer() {
    if (observer == null) {
      observer = EventStreams.connect(vertx, verticle.agent().settings()).await();
    }
    return observer;
  }

  /** A single number from the service's schema, e.g. a count. */
  public long number(String sql) {
    return verticle.agent().database().pool().query(sql).execute().await().iterator().next().getLong(0);
  }

  @Override
  public void close() {
    if (observer != null) {
      observer.close().await();
    }
    vertx.close().await();
    TestDatabases.drop(database);
  }
}
