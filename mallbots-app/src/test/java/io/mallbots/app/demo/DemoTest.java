package io.mallbots.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.app.ServiceCatalog;
import io.mallbots.app.e2e.RunningMall;
import io.vertx.core.net.SocketAddress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code make demo}'s flow against the in-JVM mall on Kafka, on the ports the mall happened to get. */
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

    Demo.Outcome outcome = new Demo(mall.grpc(), endpoints, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

    System.out.print(printed.toString(StandardCharsets.UTF_8));
    assertThat(endpoints.unreachable()).isEmpty();
    assertThat(outcome.status()).isEqualTo("APPROVED");
    assertThat(outcome.foundInSearch()).isTrue();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("store created", "product added", "user registered",
        "payment authorized", "basket started", "item added", "checked out", "order id", "order APPROVED",
        "found in search", "Checkout to APPROVED in");
  }

  @Test
  void a_mall_that_is_not_running_is_named() {
    MallEndpoints nowhere = MallEndpoints.of("127.0.0.1", Map.of("USERS_GRPC_ENDPOINT", "127.0.0.1:1"));
    assertThat(nowhere.unreachable()).contains("users");
  }
}
