package io.mallbots.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.probe.v1.EchoRequest;
import io.mallbots.core.probe.v1.EchoResponse;
import io.mallbots.core.probe.v1.ProbeServiceGrpcClient;
import io.mallbots.core.probe.v1.ProbeServiceGrpcService;
import io.mallbots.core.probe.v1.ProbeServiceService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.server.GrpcServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calls to several instances of a service, over real gRPC servers on 127.0.0.1: spread, and around
 * a dead one.
 */
class BalancingGrpcClientTest {

  private Vertx vertx;
  private final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void calls_go_round_robin_over_every_instance() {
    SocketAddress a = serve("a", 0);
    SocketAddress b = serve("b", 0);
    ProbeServiceGrpcClient probe = probe(RpcClients.client(vertx, 2000), a, b);

    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      answers.add(probe.echo(EchoRequest.newBuilder().setText("hi").build()).await().getText());
    }

    assertThat(answers).containsExactly("a", "b", "a", "b", "a", "b");
  }

  @Test
  void an_instance_that_is_down_is_passed_over_and_every_call_is_answered() {
    SocketAddress up = serve("up", 0);
    SocketAddress down = SocketAddress.inetSocketAddress(freePort(), "127.0.0.1");
    ProbeServiceGrpcClient probe = probe(RpcClients.client(vertx, 2000), down, up);

    for (int i = 0; i < 10; i++) {
      assertThat(probe.echo(EchoRequest.newBuilder().setText("hi").build()).await().getText())
          .isEqualTo("up");
    }
    assertThat(served.get("up")).hasValue(10);
  }

  @Test
  void an_instance_killed_between_calls_is_passed_over_and_used_again_once_it_is_back() {
    SocketAddress a = serve("a", 0);
    SocketAddress b = serve("b", 0);
    GrpcClient client = new BalancingGrpcClient(plain(), Duration.ofMillis(200));
    ProbeServiceGrpcClient probe = probe(client, a, b);
    probe.echo(EchoRequest.newBuilder().setText("hi").build()).await();
    probe.echo(EchoRequest.newBuilder().setText("hi").build()).await();

    servers.remove("b").close().await();
    for (int i = 0; i < 6; i++) {
      assertThat(probe.echo(EchoRequest.newBuilder().setText("hi").build()).await().getText())
          .isEqualTo("a");
    }

    serve("b", b.port());
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        probe
                            .echo(EchoRequest.newBuilder().setText("hi").build())
                            .await()
                            .getText())
                    .isEqualTo("b"));
  }

  @Test
  void when_every_instance_is_down_the_call_fails() {
    SocketAddress one = SocketAddress.inetSocketAddress(freePort(), "127.0.0.1");
    SocketAddress two = SocketAddress.inetSocketAddress(freePort(), "127.0.0.1");
    ProbeServiceGrpcClient probe = probe(RpcClients.client(vertx, 2000), one, two);

    assertThatThrownBy(() -> probe.echo(EchoRequest.newBuilder().setText("hi").build()).await())
        .hasMessageContaining("onnection refused");
  }

  @Test
  void a_single_address_passes_straight_through() {
    SocketAddress a = serve("a", 0);
    var probe =
        ProbeServiceGrpcClient.create(
            RpcClients.client(vertx, 2000),
            RpcClients.address("PROBE_GRPC_ENDPOINT", "127.0.0.1:" + a.port()));

    assertThat(probe.echo(EchoRequest.newBuilder().setText("hi").build()).await().getText())
        .isEqualTo("a");
  }

  @Test
  void a_setting_with_several_instances_reads_as_their_list() {
    SocketAddress address =
        RpcClients.address("STORES_GRPC_ENDPOINT", "10.0.0.1:5090, stores-2:5091");

    assertThat(address)
        .isInstanceOfSatisfying(
            RpcEndpoints.class,
            endpoints -> {
              assertThat(endpoints.addresses())
                  .containsExactly(
                      SocketAddress.inetSocketAddress(5090, "10.0.0.1"),
                      SocketAddress.inetSocketAddress(5091, "stores-2"));
              assertThat(endpoints).hasToString("10.0.0.1:5090,stores-2:5091");
            });
    assertThat(RpcClients.address("STORES_GRPC_ENDPOINT", "10.0.0.1:5090"))
        .isEqualTo(SocketAddress.inetSocketAddress(5090, "10.0.0.1"));
  }

  @Test
  void a_bad_entry_in_the_list_names_the_setting() {
    for (String bad :
        List.of("10.0.0.1:5090,", "10.0.0.1:5090,stores", ",10.0.0.1:5090", "10.0.0.1:x,b:1")) {
      assertThatThrownBy(() -> RpcClients.address("STORES_GRPC_ENDPOINT", bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("STORES_GRPC_ENDPOINT");
    }
  }

  private ProbeServiceGrpcClient probe(GrpcClient client, SocketAddress... instances) {
    return ProbeServiceGrpcClient.create(client, new RpcEndpoints(List.of(instances)));
  }

  private GrpcClient plain() {
    return GrpcClient.client(
        vertx, new GrpcClientOptions().setScheduleDeadlineAutomatically(true).setTimeout(2000));
  }

  /**
   * A probe server named {@code name} on {@code port} (0: any free one) whose echo answers with its
   * name.
   */
  private SocketAddress serve(String name, int port) {
    served.putIfAbsent(name, new AtomicInteger());
    GrpcServer grpc =
        GrpcServer.server(vertx)
            .addService(
                ProbeServiceGrpcService.of(
                    new ProbeServiceService() {
                      @Override
                      public Future<EchoResponse> echo(EchoRequest request) {
                        served.get(name).incrementAndGet();
                        return Future.succeededFuture(
                            EchoResponse.newBuilder().setText(name).build());
                      }
                    }));
    HttpServer server =
        vertx.createHttpServer().requestHandler(grpc).listen(port, "127.0.0.1").await();
    servers.put(name, server);
    return SocketAddress.inetSocketAddress(server.actualPort(), "127.0.0.1");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
