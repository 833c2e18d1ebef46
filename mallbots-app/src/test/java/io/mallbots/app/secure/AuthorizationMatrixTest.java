package io.mallbots.app.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import io.mallbots.app.e2e.RunningMall;
import io.mallbots.app.fuzz.MallRpcs;
import io.mallbots.common.v1.Access;
import io.mallbots.core.rpc.RpcAccess;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The authorization table of docs/security.md, walked whole. Every RPC of the seven services must
 * have a rule (the proto option the services enforce), the table must say the same, and every RPC
 * is called over gRPC and over the JSON bridge as each kind of caller: no token, a service token
 * for another service, a shopper, an operator and a service token for this service. Each answer
 * must be what the rule says: refused for who the caller is, or let through (to whatever the
 * request itself then earns). Whose things an owner rule protects is the domain's to check: {@link
 * OwnershipMatrixTest} calls those RPCs on real things.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

  /** Who calls. */
  enum Caller {
    NO_TOKEN,
    SERVICE_FOR_ANOTHER,
    SHOPPER,
    OPERATOR,
    SERVICE
  }

  private RunningMall mall;
  private MallTokens tokens;
  private CallsAs calls;

  @BeforeAll
  void start(Vertx vertx) {
    mall = RunningMall.open(vertx, "memory", Map.of("AUTH_REQUIRED", "true"));
    tokens = new MallTokens(mall.keys());
    calls = new CallsAs(mall);
  }

  @AfterAll
  void stop() {
    if (mall != null) {
      mall.close();
    }
  }

  /** Every RPC of the mall (read from the contract itself), by the service that serves it. */
  static Map<MethodDescriptor, String> everyRpc() {
    Map<MethodDescriptor, String> rpcs = new LinkedHashMap<>();
    MallRpcs.all().forEach(rpc -> rpcs.put(rpc.method(), rpc.service()));
    return rpcs;
  }

  @Test
  void every_rpc_has_a_rule_and_the_documented_table_says_the_same() throws IOException {
    Map<String, String> enforced = new TreeMap<>();
    everyRpc()
        .forEach(
            (method, service) ->
                enforced.put(
                    service + " " + method.getName(),
                    RpcAccess.ruleOf(method)
                        .name()
                        .substring("ACCESS_".length())
                        .replace('_', ' ')
                        .toLowerCase(Locale.ROOT)));

    Map<String, String> documented = new TreeMap<>();
    Matcher row =
        Pattern.compile("(?m)^\\| (\\w+) \\| (\\w+) \\| ([a-z ]+) \\|")
            .matcher(Files.readString(docs().resolve("security.md")));
    while (row.find()) {
      if (MallRpcs.services().contains(row.group(1))) {
        documented.put(row.group(1) + " " + row.group(2), row.group(3).trim());
      }
    }
    assertThat(documented)
        .as("docs/security.md's table against the rules in the protos")
        .isEqualTo(enforced);
  }

  @Test
  void every_rpc_answers_each_kind_of_caller_as_its_rule_says_over_grpc_and_json() {
    String shopper = UUID.randomUUID().toString();
    Map<Caller, String> tokenOf = new LinkedHashMap<>();
    tokenOf.put(Caller.NO_TOKEN, null);
    tokenOf.put(Caller.SHOPPER, tokens.user(shopper));
    tokenOf.put(Caller.OPERATOR, tokens.operator(UUID.randomUUID().toString()));
    List<String> wrong = new ArrayList<>();
    everyRpc()
        .forEach(
            (method, service) -> {
              Access rule = RpcAccess.ruleOf(method);
              for (Caller caller : Caller.values()) {
                String token =
                    switch (caller) {
                      case SERVICE -> tokens.service(service);
                      case SERVICE_FOR_ANOTHER ->
                          tokens.service(service.equals("stores") ? "users" : "stores");
                      default -> tokenOf.get(caller);
                    };
                boolean admitted = admits(rule, caller);
                // An empty request: the rule is checked before the body is read, and the body earns
                // what it earns.
                CallsAs.Answer overGrpc =
                    calls.grpc(
                        service,
                        method,
                        DynamicMessage.getDefaultInstance(method.getInputType()),
                        token);
                CallsAs.Answer overJson = calls.json(service, method, token);
                for (var answer :
                    List.of(Map.entry("gRPC", overGrpc), Map.entry("JSON", overJson))) {
                  boolean refusedByRule = answer.getValue().deniedByRule();
                  if (admitted == refusedByRule) {
                    wrong.add(
                        service
                            + "/"
                            + method.getName()
                            + " ("
                            + rule
                            + ") as "
                            + caller
                            + " over "
                            + answer.getKey()
                            + ": "
                            + answer.getValue()
                            + (admitted ? ", should be let through" : ", should be refused"));
                  }
                }
              }
            });
    assertThat(wrong).as("answers that break the rules").isEmpty();
  }

  @Test
  void dead_letters_and_parked_outbox_rows_answer_only_to_operators() {
    WebClient http = WebClient.create(mall.vertx());
    for (String service : MallRpcs.services()) {
      int port = mall.managementPort(service);
      assertThat(http.get(port, "127.0.0.1", "/dead-letters").send().await().statusCode())
          .isEqualTo(401);
      assertThat(
              http.get(port, "127.0.0.1", "/dead-letters")
                  .bearerTokenAuthentication(tokens.user(UUID.randomUUID().toString()))
                  .send()
                  .await()
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              http.post(
                      port,
                      "127.0.0.1",
                      "/dead-letters/" + service + "-x/" + UUID.randomUUID() + "/replay")
                  .bearerTokenAuthentication(tokens.user(UUID.randomUUID().toString()))
                  .send()
                  .await()
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              http.get(port, "127.0.0.1", "/dead-letters")
                  .bearerTokenAuthentication(tokens.service(service))
                  .send()
                  .await()
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              http.get(port, "127.0.0.1", "/outbox/parked")
                  .bearerTokenAuthentication(tokens.user(UUID.randomUUID().toString()))
                  .send()
                  .await()
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              http.get(port, "127.0.0.1", "/outbox/parked")
                  .bearerTokenAuthentication(tokens.operator(UUID.randomUUID().toString()))
                  .send()
                  .await()
                  .statusCode())
          .isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(
                          http.get(port, "127.0.0.1", "/dead-letters")
                              .bearerTokenAuthentication(
                                  tokens.operator(UUID.randomUUID().toString()))
                              .send()
                              .await()
                              .statusCode())
                      .isEqualTo(200));
    }
  }

  @Test
  void the_intake_switch_and_the_drain_report_answer_only_to_operators() {
    WebClient http = WebClient.create(mall.vertx());
    for (String service : MallRpcs.services()) {
      int port = mall.managementPort(service);
      for (var route :
          List.of(
              Map.entry(HttpMethod.POST, "/intake/pause"),
              Map.entry(HttpMethod.POST, "/intake/resume"),
              Map.entry(HttpMethod.GET, "/drain"))) {
        String what = service + " " + route.getKey() + " " + route.getValue();
        assertThat(http.request(route.getKey(), port, "127.0.0.1", route.getValue()).send().await())
            .as(what + " without a token")
            .extracting(HttpResponse::statusCode)
            .isEqualTo(401);
        assertThat(
                http.request(route.getKey(), port, "127.0.0.1", route.getValue())
                    .bearerTokenAuthentication(tokens.user(UUID.randomUUID().toString()))
                    .send()
                    .await())
            .as(what + " as a shopper")
            .extracting(HttpResponse::statusCode)
            .isEqualTo(403);
        assertThat(
                http.request(route.getKey(), port, "127.0.0.1", route.getValue())
                    .bearerTokenAuthentication(tokens.service(service))
                    .send()
                    .await())
            .as(what + " as a service")
            .extracting(HttpResponse::statusCode)
            .isEqualTo(403);
      }
      assertThat(mall.intake(service).paused()).isFalse();
      // The operator's own answer last; resume follows at once, so no other test sees a pause.
      String operator = tokens.operator(UUID.randomUUID().toString());
      assertThat(
              asOperator(http, HttpMethod.POST, port, "/intake/pause", operator)
                  .getBoolean("paused"))
          .isTrue();
      assertThat(
              asOperator(http, HttpMethod.POST, port, "/intake/resume", operator)
                  .getBoolean("paused"))
          .isFalse();
      assertThat(asOperator(http, HttpMethod.GET, port, "/drain", operator).getString("service"))
          .isEqualTo(service);
    }
  }

  private static JsonObject asOperator(
      WebClient http, HttpMethod method, int port, String path, String operator) {
    return http.request(method, port, "127.0.0.1", path)
        .bearerTokenAuthentication(operator)
        .send()
        .await()
        .bodyAsJsonObject();
  }

  /**
   * Whether {@code rule} lets {@code caller} through to the RPC (where the domain may still
   * refuse).
   */
  static boolean admits(Access rule, Caller caller) {
    return switch (rule) {
      case ACCESS_PUBLIC -> true;
      case ACCESS_SIGNED_IN, ACCESS_OWNER, ACCESS_STORE_KEEPER ->
          caller == Caller.SHOPPER || caller == Caller.OPERATOR || caller == Caller.SERVICE;
      case ACCESS_SERVICE -> caller == Caller.SERVICE;
      case ACCESS_OPERATOR -> caller == Caller.OPERATOR;
      default -> fail("no rule");
    };
  }

  static Path docs() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
      dir = dir.getParent();
    }
    return dir == null
        ? fail("no docs/ above " + Path.of("").toAbsolutePath())
        : dir.resolve("docs");
  }
}
