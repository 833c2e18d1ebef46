package io.mallbots.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.baskets.v1.AddItemRequest;
import io.mallbots.baskets.v1.BasketServiceGrpcClient;
import io.mallbots.baskets.v1.CheckoutBasketRequest;
import io.mallbots.baskets.v1.StartBasketRequest;
import io.mallbots.core.config.StandardPorts;
import io.mallbots.core.messaging.kafka.KafkaGroupLag;
import io.mallbots.core.messaging.kafka.KafkaSettings;
import io.mallbots.core.testing.TestDatabases;
import io.mallbots.payments.v1.AuthorizePaymentRequest;
import io.mallbots.payments.v1.PaymentsContract;
import io.mallbots.payments.v1.PaymentsServiceGrpcClient;
import io.mallbots.stores.v1.AddProductRequest;
import io.mallbots.stores.v1.CreateStoreRequest;
import io.mallbots.stores.v1.StoresServiceGrpcClient;
import io.mallbots.users.v1.RegisterUserRequest;
import io.mallbots.users.v1.UserServiceGrpcClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A swap from Kafka to NATS with sagas midway: the whole mall runs on Kafka while payments reads
 * elsewhere, so the checkouts' ConfirmPayment commands wait on Kafka; then every service restarts
 * on NATS draining Kafka ({@code EVENT_SERVER_DRAIN_FROM=kafka}). Every order is approved, search
 * agrees, an order placed after the swap is approved too, nothing is left on Kafka for payments and
 * every service says it drained Kafka.
 */
class BrokerDrainTest {

  private static final int ORDERS = 4;
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String KAFKA =
      TestDatabases.env("KAFKA_BROKERS", StandardPorts.kafkaBrokers());

  @Test
  void orders_midway_on_kafka_are_approved_after_the_services_move_to_nats_draining_kafka()
      throws Exception {
    String elsewhere = "held-" + UUID.randomUUID().toString().substring(0, 8);
    RunningMall onKafka = RunningMall.open("kafka", Map.of("PAYMENTS_EVENT_NAMESPACE", elsewhere));
    RunningMall onNats = null;
    try {
      Shop shop = new Shop(onKafka);
      for (int i = 0; i < ORDERS; i++) {
        shop.checkout();
      }
      String paymentCommands = onKafka.namespace() + "." + PaymentsContract.COMMANDS;
      String paymentsGroup = onKafka.namespace() + ".payments-commands";
      KafkaGroupLag kafka = KafkaGroupLag.connect(onKafka.vertx(), KafkaSettings.of(KAFKA)).await();
      await()
          .atMost(PATIENCE)
          .until(() -> kafka.lag(paymentCommands, paymentsGroup).await() >= ORDERS);
      kafka.close().await();
      assertThat(statuses(onKafka, "ordering", "SELECT status FROM orders_view"))
          .containsOnly("PENDING");

      onNats = onKafka.restart("nats", Map.of("EVENT_SERVER_DRAIN_FROM", "kafka"));
      RunningMall mall = onNats;
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
      KafkaGroupLag after = KafkaGroupLag.connect(mall.vertx(), KafkaSettings.of(KAFKA)).await();
      assertThat(after.lag(paymentCommands, paymentsGroup).await()).isZero();
      after.close().await();
      for (String service : List.of("payments", "ordering", "users", "search")) {
        await()
            .atMost(PATIENCE)
            .untilAsserted(
                () ->
                    assertThat(metrics(mall, service))
                        .contains(
                            "mallbots_broker_drain_remaining_subscriptions{from=\"kafka\",service=\""
                                + service
                                + "\"} 0.0"));
      }
    } finally {
      (onNats != null ? onNats : onKafka).close();
    }
  }

  private static List<String> statuses(RunningMall mall, String service, String sql) {
    return mall.query(service, sql).stream().map(row -> String.valueOf(row.get("status"))).toList();
  }

  private static String metrics(RunningMall mall, String service) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + mall.managementPort(service) + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  /** A store with one product and a way to check out one basket of it. */
  private static final class Shop {

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
