package io.mallbots.app.e2e;

import static io.mallbots.app.e2e.BrokerDrainTest.done;
import static io.mallbots.app.e2e.BrokerDrainTest.lagOf;
import static io.mallbots.app.e2e.BrokerDrainTest.oldBroker;
import static io.mallbots.app.e2e.BrokerDrainTest.statuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mallbots.app.ServiceCatalog;
import io.mallbots.baskets.v1.BasketServiceGrpcClient;
import io.mallbots.baskets.v1.StartBasketRequest;
import io.mallbots.core.messaging.BrokerLag;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.Subscription;
import io.mallbots.payments.ports.handlers.PaymentsCommandHandlers;
import io.mallbots.payments.v1.PaymentsContract;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A broker swap with a pause ({@code make swap-broker MODE=pause}), with sagas midway: payments
 * reads elsewhere, so checkouts wait for their ConfirmPayment on the old broker, and one more is
 * checked out as the pause comes. Paused, outside calls are refused and the mall is not drained
 * while sagas wait; once payments reads its commands again, every {@code /drain} says drained (no
 * outbox row, no lag, no saga waiting) twice in a row, and the mall restarts on the new broker with
 * no {@code EVENT_SERVER_DRAIN_FROM}. Every order is approved, search agrees with ordering, each
 * payment is confirmed once, and no group has anything left on the old broker.
 */
@ExtendWith(VertxExtension.class)
class PausedBrokerSwapTest {

  private static final int HELD = 3;
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @ParameterizedTest(name = "from {0} to {1}")
  @CsvSource({"kafka,nats", "nats,kafka"})
  void orders_in_flight_are_drained_in_the_pause_and_approved_on_the_new_broker(
      String from, String to, Vertx vertx) throws Exception {
    String elsewhere = "held-" + UUID.randomUUID().toString().substring(0, 8);
    RunningMall before =
        RunningMall.open(
            vertx, from, Map.of("PAYMENTS_EVENT_NAMESPACE", elsewhere, "POSTGRES_POOL_SIZE", "2"));
    RunningMall after = null;
    WebClient http = WebClient.create(vertx);
    try {
      EventStream old = oldBroker(before, from);
      old.subscribe(PaymentsContract.COMMANDS, PaymentsCommandHandlers.GROUP, m -> done())
          .compose(Subscription::close)
          .eventually(old::close)
          .await();
      BrokerDrainTest.Shop shop = new BrokerDrainTest.Shop(before);
      for (int i = 0; i < HELD; i++) {
        shop.checkout();
      }
      // One more, whose saga is still starting when the pause comes.
      shop.checkout();
      for (String service : ServiceCatalog.names()) {
        pause(http, before, service);
      }

      var baskets = BasketServiceGrpcClient.create(before.grpc(), before.address("baskets"));
      assertThatThrownBy(
              () ->
                  baskets
                      .startBasket(StartBasketRequest.newBuilder().setUserId("someone").build())
                      .await())
          .isInstanceOfSatisfying(
              InvalidStatusException.class,
              refused -> assertThat(refused.actualStatus()).isEqualTo(GrpcStatus.UNAVAILABLE));
      HttpResponse<Buffer> overJson =
          http.post(before.httpPort("baskets"), "127.0.0.1", "/v1/api/baskets/StartBasket")
              .sendBuffer(Buffer.buffer("{\"userId\":\"someone\"}"))
              .await();
      assertThat(overJson.statusCode()).isEqualTo(503);
      assertThat(overJson.getHeader("Retry-After")).isNotNull();

      // Ordering's sagas wait for payments: paused is not yet drained.
      await()
          .atMost(PATIENCE)
          .until(() -> unfinishedSagas(drain(http, before, "ordering")) >= HELD);
      assertThat(drain(http, before, "ordering").getBoolean("drained")).isFalse();

      // Let payments read its commands, and pause it again: it came back open.
      before.restartService("payments", Map.of("PAYMENTS_EVENT_NAMESPACE", before.namespace()));
      pause(http, before, "payments");

      Map<String, JsonObject> reports = drainedTwice(http, before);
      assertThat(reports.values())
          .flatExtracting(report -> report.getJsonArray("subscriptions").getList())
          .isNotEmpty();

      after = before.restart(to, Map.of("POSTGRES_POOL_SIZE", "2"));
      RunningMall mall = after;
      for (String service : ServiceCatalog.names()) {
        assertThat(mall.intake(service).paused()).as(service + " starts open").isFalse();
      }
      new BrokerDrainTest.Shop(mall).checkout();

      int orders = HELD + 2;
      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () ->
                  assertThat(statuses(mall, "ordering", "SELECT status FROM orders_view"))
                      .hasSize(orders)
                      .containsOnly("APPROVED"));
      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () ->
                  assertThat(byId(mall, "search", "SELECT order_id AS id, status FROM orders"))
                      .isEqualTo(byId(mall, "ordering", "SELECT id, status FROM orders_view")));
      List<Map<String, Object>> confirmed =
          mall.query(
              "payments",
              "SELECT order_id, confirmed_amount = amount AS once FROM payments"
                  + " WHERE status = 'CONFIRMED'");
      assertThat(confirmed).hasSize(orders);
      assertThat(confirmed.stream().map(row -> row.get("order_id")).distinct()).hasSize(orders);
      assertThat(confirmed).allSatisfy(row -> assertThat(row.get("once")).isEqualTo(true));

      for (var report : reports.entrySet()) {
        BrokerLag left = lagOf(mall, from, report.getKey());
        try {
          for (Object each : report.getValue().getJsonArray("subscriptions")) {
            JsonObject group = (JsonObject) each;
            assertThat(left.lag(group.getString("topic"), group.getString("group")).await())
                .as("left on " + from + " for " + group.encode())
                .isZero();
          }
        } finally {
          left.close().await();
        }
      }
    } finally {
      (after != null ? after : before).close();
    }
  }

  private static void pause(WebClient http, RunningMall mall, String service) {
    HttpResponse<Buffer> paused =
        http.post(mall.managementPort(service), "127.0.0.1", "/intake/pause").send().await();
    assertThat(paused.statusCode()).as(service + " paused").isEqualTo(200);
    assertThat(mall.intake(service).paused()).isTrue();
  }

  private static JsonObject drain(WebClient http, RunningMall mall, String service) {
    HttpResponse<Buffer> answer =
        http.get(mall.managementPort(service), "127.0.0.1", "/drain").send().await();
    assertThat(answer.statusCode()).as(service + " /drain").isEqualTo(200);
    return answer.bodyAsJsonObject();
  }

  private static long unfinishedSagas(JsonObject report) {
    return report.getJsonArray("sagas").stream()
        .mapToLong(saga -> ((JsonObject) saga).getLong("unfinished"))
        .sum();
  }

  /** Every service's report, once all said drained on two polls in a row, as the script waits. */
  private static Map<String, JsonObject> drainedTwice(WebClient http, RunningMall mall) {
    Map<String, JsonObject> reports = new HashMap<>();
    AtomicInteger inARow = new AtomicInteger();
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              boolean all = true;
              for (String service : ServiceCatalog.names()) {
                JsonObject report = drain(http, mall, service);
                reports.put(service, report);
                all &= report.getBoolean("drained") && report.getBoolean("paused");
              }
              return all ? inARow.incrementAndGet() >= 2 : inARow.getAndSet(0) < 0;
            });
    return reports;
  }

  private static Map<String, String> byId(RunningMall mall, String service, String sql) {
    Map<String, String> statuses = new HashMap<>();
    mall.query(service, sql)
        .forEach(row -> statuses.put(String.valueOf(row.get("id")), (String) row.get("status")));
    return statuses;
  }
}
