package io.mallbots.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.baskets.v1.AddItemRequest;
import io.mallbots.baskets.v1.BasketServiceGrpcClient;
import io.mallbots.baskets.v1.CheckoutBasketRequest;
import io.mallbots.baskets.v1.StartBasketRequest;
import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.config.Settings;
import io.mallbots.core.config.StandardPorts;
import io.mallbots.core.messaging.BrokerLag;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.messaging.Subscription;
import io.mallbots.core.testing.TestDatabases;
import io.mallbots.payments.ports.handlers.PaymentsCommandHandlers;
import io.mallbots.payments.v1.AuthorizePaymentRequest;
import io.mallbots.payments.v1.PaymentsContract;
import io.mallbots.payments.v1.PaymentsServiceGrpcClient;
import io.mallbots.stores.v1.AddProductRequest;
import io.mallbots.stores.v1.CreateStoreRequest;
import io.mallbots.stores.v1.StoresServiceGrpcClient;
import io.mallbots.users.v1.RegisterUserRequest;
import io.mallbots.users.v1.UserServiceGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A swap of brokers with sagas midway, both ways: the whole mall runs on the old broker while
 * payments reads elsewhere, so the checkouts' ConfirmPayment commands wait there; then every
 * service restarts on the new broker draining the old one ({@code EVENT_SERVER_DRAIN_FROM}). Every
 * order is approved, search agrees, an order placed after the swap is approved too, nothing is left
 * on the old broker for payments and every service says it drained the old broker.
 */
@ExtendWith(VertxExtension.class)
class BrokerDrainTest {

  private static final int ORDERS = 4;
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String KAFKA =
      TestDatabases.env("KAFKA_BROKERS", StandardPorts.kafkaBrokers());
  private static final String NATS = TestDatabases.env("NATS_URL", StandardPorts.natsUrl());

  @ParameterizedTest(name = "from {0} to {1}")
  @CsvSource({"kafka,nats", "nats,kafka"})
  void orders_midway_on_the_old_broker_are_approved_after_the_services_move_draining_it(
      String from, String to, Vertx vertx) throws Exception {
    String elsewhere = "held-" + UUID.randomUUID().toString().substring(0, 8);
    // Small pools: two malls' worth of services share the test PostgreSQL with other tests.
    RunningMall before =
        RunningMall.open(
            vertx, from, Map.of("PAYMENTS_EVENT_NAMESPACE", elsewhere, "POSTGRES_POOL_SIZE", "2"));
    RunningMall after = null;
    try {
      // Payments' group exists on the old broker, as if it had read there before, so its lag
      // counts the commands waiting for it.
      EventStream old = oldBroker(before, from);
      old.subscribe(PaymentsContract.COMMANDS, PaymentsCommandHandlers.GROUP, m -> done())
          .compose(Subscription::close)
          .eventually(old::close)
          .await();
      Shop shop = new Shop(before);
      for (int i = 0; i < ORDERS; i++) {
        shop.checkout();
      }
      String paymentCommands = before.namespace() + "." + PaymentsContract.COMMANDS;
      String paymentsGroup = before.namespace() + "." + PaymentsCommandHandlers.GROUP;
      BrokerLag waiting = lagOf(before, from, "payments");
      await()
          .atMost(PATIENCE)
          .until(() -> waiting.lag(paymentCommands, paymentsGroup).await() >= ORDERS);
      waiting.close().await();
      assertThat(statuses(before, "ordering", "SELECT status FROM orders_view"))
          .containsOnly("PENDING");

      after =
          before.restart(to, Map.of("EVENT_SERVER_DRAIN_FROM", from, "POSTGRES_POOL_SIZE", "2"));
      RunningMall mall = after;
      new Shop(mall).checkout();

      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () ->
                  assertThat(statuses(mall, "ordering", "SELECT status FROM orders_view"))
                      .hasSize(ORDERS + 1)
                      .containsOnly("APPROVED"));
      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () ->
                  assertThat(statuses(mall, "search", "SELECT status FROM orders"))
                      .hasSize(ORDERS + 1)
                      .containsOnly("APPROVED"));
      for (String service : List.of("payments", "ordering", "users", "search")) {
        await()
            .atMost(PATIENCE)
            .untilAsserted(
                () ->
                    assertThat(metrics(mall, service))
                        .contains(
                            "mallbots_broker_drain_remaining_subscriptions{from=\""
                                + from
                                + "\",service=\""
                                + service
                                + "\"} 0.0"));
      }
      // Each said it drained only after seeing no lag twice, and committed on closing: nothing of
      // payments' is left there.
      BrokerLag left = lagOf(mall, from, "payments");
      assertThat(left.lag(paymentCommands, paymentsGroup).await()).isZero();
      left.close().await();
    } finally {
      (after != null ? after : before).close();
    }
  }

  /** The old broker, under the mall's namespace. */
  static EventStream oldBroker(RunningMall mall, String type) {
    return EventStreams.connect(mall.vertx(), brokerOf(mall, "drain-probe", type)).await();
  }

  /** {@code service}'s lag on the broker {@code type}, as its drain report asks for it. */
  static BrokerLag lagOf(RunningMall mall, String type, String service) {
    return EventStreams.lagOf(mall.vertx(), brokerOf(mall, service, type)).await();
  }

  private static CoreSettings brokerOf(RunningMall mall, String service, String type) {
    return CoreSettings.from(
        Settings.of(
            service,
            Map.of(
                "EVENT_SERVER_TYPE",
                type,
                "KAFKA_BROKERS",
                KAFKA,
                "NATS_URL",
                NATS,
                "EVENT_NAMESPACE",
                mall.namespace())));
  }

  static Future<Void> done() {
    return Future.succeededFuture();
  }

  static List<String> statuses(RunningMall mall, String service, String sql) {
    return mall.query(service, sql).stream().map(row -> String.valueOf(row.get("status"))).toList();
  }

  private static String metrics(RunningMall mall, String service) throws Exception {
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + mall.managementPort(service) + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  /** A store with one product and a way to check out one basket of it. */
  static final class Shop {

    private final RunningMall mall;
    private final String productId;

    Shop(RunningMall mall) {
      this.mall = mall;
      var stores = StoresServiceGrpcClient.create(mall.grpc(), mall.address("stores"));
      String storeId =
          stores
              .createStore(
                  CreateStoreRequest.newBuilder().setName("Drain").setLocation("Hall").build())
              .await()
              .getId();
      productId =
          stores
              .addProduct(
                  AddProductRequest.newBuilder()
                      .setStoreId(storeId)
                      .setName("Bucket")
                      .setSku("bucket-" + UUID.randomUUID())
                      .setPrice(2.5)
                      .build())
              .await()
              .getId();
    }

    void checkout() {
      String name = "drain-" + UUID.randomUUID().toString().substring(0, 8);
      String userId =
          UserServiceGrpcClient.create(mall.grpc(), mall.address("users"))
              .registerUser(
                  RegisterUserRequest.newBuilder()
                      .setUsername(name)
                      .setPassword("correct horse battery")
                      .setEmail(name + "@example.com")
                      .build())
              .await()
              .getId();
      var baskets = BasketServiceGrpcClient.create(mall.grpc(), mall.address("baskets"));
      String basketId =
          baskets
              .startBasket(StartBasketRequest.newBuilder().setUserId(userId).build())
              .await()
              .getId();
      await()
          .atMost(PATIENCE)
          .ignoreExceptions()
          .until(
              () ->
                  baskets
                          .addItem(
                              AddItemRequest.newBuilder()
                                  .setId(basketId)
                                  .setProductId(productId)
                                  .setQuantity(1)
                                  .build())
                          .await()
                      != null);
      String paymentId =
          PaymentsServiceGrpcClient.create(mall.grpc(), mall.address("payments"))
              .authorizePayment(
                  AuthorizePaymentRequest.newBuilder().setUserId(userId).setAmount(2.5).build())
              .await()
              .getId();
      baskets
          .checkoutBasket(
              CheckoutBasketRequest.newBuilder().setId(basketId).setPaymentId(paymentId).build())
          .await();
    }
  }
}
