package io.mallbots.app.tour;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.app.e2e.RunningMall;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's five-minute tour, run as it stands (the block between {@code <!-- tour:begin -->}
 * and {@code <!-- tour:end -->}) with bash and curl against the services in this JVM: only the
 * addresses differ from {@code make run}'s, given through the variables the tour reads. Run once in
 * development mode and once with access tokens required, as a partner would meet the mall.
 */
@ExtendWith(VertxExtension.class)
class ReadmeTourTest {

  @Test
  void the_tour_checks_out_and_sees_the_order_approved_in_development_mode(Vertx vertx)
      throws Exception {
    try (RunningMall mall = RunningMall.open(vertx, "memory", Map.of())) {
      assertThat(runTour(mall)).contains("approved: ").contains("mallbots_rpc_seconds_count");
    }
  }

  @Test
  void the_tour_works_where_access_tokens_are_required(Vertx vertx) throws Exception {
    try (RunningMall mall = RunningMall.open(vertx, "memory", Map.of("AUTH_REQUIRED", "true"))) {
      assertThat(runTour(mall)).contains("approved: ");
    }
  }

  private static String runTour(RunningMall mall) throws IOException, InterruptedException {
    ProcessBuilder bash =
        new ProcessBuilder("bash", "-euo", "pipefail", "-c", tour()).redirectErrorStream(true);
    Map<String, String> env = bash.environment();
    for (String service : new String[] {"users", "stores", "payments", "baskets", "search"}) {
      env.put(service.toUpperCase(java.util.Locale.ROOT), "127.0.0.1:" + mall.httpPort(service));
    }
    env.put("SEARCH_MANAGEMENT", "127.0.0.1:" + mall.managementPort("search"));
    Process process = bash.start();
    boolean ended = process.waitFor(90, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as("the tour ended within 90 s; it printed:%n%s", output).isTrue();
    assertThat(process.exitValue()).as("the tour's exit status; it printed:%n%s", output).isZero();
    return output;
  }

  /** The tour block of the README. */
  static String tour() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.exists(dir.resolve("README.md")) || !Files.isDirectory(dir.resolve("protos"))) {
      dir = dir.getParent();
    }
    Matcher block =
        Pattern.compile(
                "<!-- tour:begin -->\\s*```bash\\n(.*?)```\\s*<!-- tour:end -->", Pattern.DOTALL)
            .matcher(Files.readString(dir.resolve("README.md")));
    assertThat(block.find()).as("README.md has a tour block").isTrue();
    return block.group(1);
  }
}
