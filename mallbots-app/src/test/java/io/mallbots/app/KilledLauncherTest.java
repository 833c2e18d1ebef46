package io.mallbots.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code make run} killed with SIGKILL (or a laptop that died): its Kafka child must go with it,
 * and the next launcher must start on the same data without a manual step, although the embedded
 * PostgreSQL outlived the first one. Real launcher JVMs, real servers, ports of their own.
 */
class KilledLauncherTest {

  private static final Duration READY = Duration.ofSeconds(150);
  private static final List<Process> launchers = new ArrayList<>();
  private static final List<ProcessHandle> servers = new ArrayList<>();
  private static Path home;

  @Test
  void
      a_launcher_killed_by_sigkill_takes_its_broker_along_and_the_next_one_starts_on_the_same_data()
          throws Exception {
    home = Files.createTempDirectory("mallbots-killed-launcher");
    int kafkaPort = freePortPair();
    Map<String, String> env =
        Map.of(
            "SERVICES",
            "users",
            "MALLBOTS_HOME",
            home.toString(),
            "MALLBOTS_POSTGRES_PORT",
            Integer.toString(freePort()),
            "MALLBOTS_KAFKA_PORT",
            Integer.toString(kafkaPort),
            "USERS_GRPC_SERVER_PORT",
            Integer.toString(freePort()),
            "USERS_HTTP_SERVER_PORT",
            Integer.toString(freePort()),
            "USERS_MANAGEMENT_PORT",
            Integer.toString(freePort()),
            "EVENT_SERVER_TYPE",
            "kafka",
            "AUTH_REQUIRED",
            "false");
    String users = "http://127.0.0.1:" + env.get("USERS_HTTP_SERVER_PORT") + "/v1/api/users/";

    Process first = launch(env, home.resolve("first.log"));
    awaitReady(first, home.resolve("first.log"));
    ProcessHandle broker =
        first.descendants().filter(KilledLauncherTest::isJava).findFirst().orElseThrow();
    servers.add(broker);
    ProcessHandle postmaster = postmaster().orElseThrow();
    servers.add(postmaster);
    JsonObject grace =
        new JsonObject()
            .put("username", "grace")
            .put("password", "a survivor's password")
            .put("email", "grace@example.com");
    assertThat(post(users + "RegisterUser", grace).statusCode()).isEqualTo(200);

    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    await("the broker exits with its launcher")
        .atMost(Duration.ofSeconds(30))
        .until(() -> !broker.isAlive());

    Process second = launch(env, home.resolve("second.log"));
    awaitReady(second, home.resolve("second.log"));
    assertThat(postmaster.isAlive()).as("the PostgreSQL the killed launcher left").isFalse();
    postmaster().ifPresent(servers::add);
    second.descendants().filter(KilledLauncherTest::isJava).forEach(servers::add);
    JsonObject login =
        new JsonObject().put("username", "grace").put("password", "a survivor's password");
    assertThat(post(users + "Login", login).statusCode())
        .as("grace, registered before the kill, logs in")
        .isEqualTo(200);

    // A launcher that lives keeps its servers: a third one on the same home is refused, as before.
    ProcessHandle running = postmaster().orElseThrow();
    Process third = launch(env, home.resolve("third.log"));
    assertThat(third.waitFor(90, TimeUnit.SECONDS)).as("the third launcher gives up").isTrue();
    assertThat(third.exitValue()).isNotZero();
    assertThat(Files.readString(home.resolve("third.log")))
        .contains("is taken (another make run?)");
    assertThat(running.isAlive()).as("the living launcher's PostgreSQL").isTrue();
    assertThat(second.isAlive()).isTrue();
    assertThat(post(users + "Login", login).statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stopEverything() throws Exception {
    for (Process launcher : launchers) {
      launcher.destroy();
      if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
        launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (home != null) {
      postmaster().ifPresent(servers::add);
    }
    for (ProcessHandle server : servers) {
      server.destroy();
    }
    for (ProcessHandle server : servers) {
      try {
        server.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception stillThere) {
        server.destroyForcibly();
      }
    }
    if (home != null) {
      try (Stream<Path> paths = Files.walk(home)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static Process launch(Map<String, String> settings, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx384m",
                "-cp",
                System.getProperty("java.class.path"),
                MallbotsApp.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // Only the launcher's own servers: nothing of this machine's shared ones, nor of the test's
    // settings.
    builder
        .environment()
        .keySet()
        .removeIf(
            name ->
                name.startsWith("POSTGRES_")
                    || name.startsWith("KAFKA_")
                    || name.startsWith("NATS_")
                    || name.startsWith("AUTH_")
                    || name.startsWith("USERS_")
                    || name.startsWith("MALLBOTS_")
                    || name.startsWith("SERVICE")
                    || name.startsWith("OTEL_")
                    || name.startsWith("MANAGEMENT_")
                    || name.equals("EVENT_SERVER_TYPE"));
    builder.environment().putAll(settings);
    Process launcher = builder.start();
    launchers.add(launcher);
    return launcher;
  }

  private static void awaitReady(Process launcher, Path log) {
    await("MallBots ready in " + log)
        .atMost(READY)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              if (!launcher.isAlive()) {
                throw new AssertionError(
                    "the launcher exited ("
                        + launcher.exitValue()
                        + "):\n"
                        + Files.readString(log));
              }
              return Files.readString(log).contains("MallBots ready");
            });
  }

  private static java.util.Optional<ProcessHandle> postmaster() throws IOException {
    Path pid = home.resolve("postgres").resolve("postmaster.pid");
    if (!Files.exists(pid)) {
      return java.util.Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).trim()));
  }

  private static boolean isJava(ProcessHandle process) {
    return process
        .info()
        .command()
        .map(command -> Path.of(command).getFileName().toString().equals("java"))
        .orElse(false);
  }

  private static HttpResponse<String> post(String url, JsonObject body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + " answered " + response.body()).isBetween(200, 499);
    return response;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** A port with the next one free too: the local broker's controller listens on port + 1. */
  private static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = freePort();
      try (ServerSocket next = new ServerSocket()) {
        next.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port + 1));
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no two adjacent free ports");
  }
}
