package io.mallbots.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.app.ServiceCatalog;
import io.mallbots.app.e2e.RunningMall;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code make demo}'s flow against the in-JVM mall on Kafka, on the ports the mall happened to get.
 * The shared mall runs on a Vert.x of its own with Vert.x and JVM meters, which the metrics test
 * reads; the secured one on the Vert.x {@code VertxExtension} injects.
 */
@ExtendWith(VertxExtension.class)
class DemoTest {

  @BeforeAll
  static void startMall() {
    RunningMall.start("kafka", false);
  }

  @AfterAll
  static void stopMall() {
    RunningMall.stop();
  }

  @Test
  void one_checkout_reaches_approved_and_search_and_every_step_is_printed() {
    RunningMall mall = RunningMall.current();
    Map<String, SocketAddress> addresses = new HashMap<>();
    ServiceCatalog.names().forEach(service -> addresses.put(service, mall.address(service)));
    MallEndpoints endpoints = new MallEndpoints(addresses);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    Demo.Outcome outcome =
        new Demo(mall.grpc(), endpoints, new PrintStream(printed, true, StandardCharsets.UTF_8))
            .run();

    System.out.print(printed.toString(StandardCharsets.UTF_8));
    assertThat(endpoints.unreachable()).isEmpty();
    assertThat(outcome.status()).isEqualTo("APPROVED");
    assertThat(outcome.foundInSearch()).isTrue();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains(
            "store created",
            "product added",
            "user registered",
            "payment authorized",
            "basket started",
            "item added",
            "checked out",
            "order id",
            "order APPROVED",
            "found in search",
            "Checkout to APPROVED in");
  }

  @Test
  void where_access_tokens_are_required_the_demo_logs_in_like_a_real_client(Vertx vertx) {
    try (RunningMall secured = RunningMall.open(vertx, "nats", Map.of("AUTH_REQUIRED", "true"))) {
      Map<String, SocketAddress> addresses = new HashMap<>();
      ServiceCatalog.names().forEach(service -> addresses.put(service, secured.address(service)));
      ByteArrayOutputStream printed = new ByteArrayOutputStream();

      Demo.Outcome outcome =
          new Demo(
                  secured.grpc(),
                  new MallEndpoints(addresses),
                  new PrintStream(printed, true, StandardCharsets.UTF_8))
              .run();

      assertThat(outcome.status()).isEqualTo("APPROVED");
      assertThat(outcome.foundInSearch()).isTrue();
      assertThat(printed.toString(StandardCharsets.UTF_8)).contains("logged in");
    }
  }

  @Test
  void after_a_checkout_metrics_show_orders_by_status_and_consumer_lag() throws Exception {
    RunningMall mall = RunningMall.current();
    Map<String, SocketAddress> addresses = new HashMap<>();
    ServiceCatalog.names().forEach(service -> addresses.put(service, mall.address(service)));
    new Demo(
            mall.grpc(),
            new MallEndpoints(addresses),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .run();

    // The gauge counts every 15 s; what the alerts and the dashboard read must be there, named as
    // they name it.
    await()
        .atMost(Duration.ofSeconds(40))
        .untilAsserted(
            () ->
                assertThat(metrics(mall, "ordering"))
                    .containsPattern("mallbots_orders\\{[^}]*status=\"APPROVED\"[^}]*\\} [1-9]"));
    assertThat(metrics(mall, "search"))
        .contains(
            "mallbots_messages_lag_seconds_count{",
            "mallbots_messages_lag_seconds_max{",
            "mallbots_saga_outcomes_total{",
            "mallbots_messages_handled_seconds_count{",
            "mallbots_messages_published_total{",
            "mallbots_outbox_backlog{",
            "mallbots_outbox_oldest_age_seconds{",
            "mallbots_rpc_seconds_count{",
            "mallbots_rpc_seconds_max{",
            "vertx_http_server_requests_total{",
            "vertx_http_server_response_time_seconds_sum{",
            "jvm_memory_used_bytes{",
            "jvm_gc_pause_seconds_sum{");
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
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  @Test
  void a_mall_that_is_not_running_is_named() {
    MallEndpoints nowhere =
        MallEndpoints.of("127.0.0.1", Map.of("USERS_GRPC_ENDPOINT", "127.0.0.1:1"));
    assertThat(nowhere.unreachable()).contains("users");
  }

  @Test
  void of_a_list_of_instances_the_demo_takes_the_first() {
    MallEndpoints two =
        MallEndpoints.of(
            "127.0.0.1", Map.of("STORES_GRPC_ENDPOINT", "10.0.0.1:5090, 10.0.0.2:5091"));
    assertThat(two.of("stores").host()).isEqualTo("10.0.0.1");
    assertThat(two.of("stores").port()).isEqualTo(5090);
  }
}
