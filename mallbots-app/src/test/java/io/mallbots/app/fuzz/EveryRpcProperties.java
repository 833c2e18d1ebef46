package io.mallbots.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.mallbots.app.e2e.RunningMall;
import io.mallbots.app.fuzz.MallCalls.Answer;
import io.mallbots.app.fuzz.MallRpcs.Rpc;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 7, bad input: every RPC of every service, over gRPC and over the JSON bridge, answers any
 * request with a deliberate status (never UNKNOWN, INTERNAL or HTTP 500, always a JSON body over
 * HTTP), and a refused request changes nothing in any database. The mall runs once, all seven
 * services on the in-JVM broker and the test PostgreSQL; ids of things it holds are fed back so
 * requests get past "not found" into the rules behind it.
 */
class EveryRpcProperties {

  private static final Set<GrpcStatus> DELIBERATE =
      Set.of(
          GrpcStatus.OK,
          GrpcStatus.INVALID_ARGUMENT,
          GrpcStatus.NOT_FOUND,
          GrpcStatus.FAILED_PRECONDITION,
          GrpcStatus.ALREADY_EXISTS,
          GrpcStatus.UNAUTHENTICATED,
          GrpcStatus.PERMISSION_DENIED,
          GrpcStatus.RESOURCE_EXHAUSTED);
  private static final Set<Integer> DELIBERATE_HTTP =
      Set.of(200, 400, 401, 403, 404, 409, 413, 422, 429);
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private static RunningMall mall;
  private static MallCalls calls;
  private static MallDatabases databases;
  private static final HostileValues values = new HostileValues();
  private static final HostileRequests requests = new HostileRequests(values);
  private static Map<String, String> quietFingerprint;
  private static String lastAccepted = "stocking the mall";
  private static int accepted;
  private static int refused;

  @BeforeContainer
  static void openTheMall() {
    RunningMall.start("memory", false);
    mall = RunningMall.current();
    calls = new MallCalls(mall);
    databases = new MallDatabases(mall, MallRpcs.services());
    stockTheMall();
  }

  @AfterContainer
  static void closeTheMall() {
    System.out.printf("bad input: %d requests accepted, %d refused%n", accepted, refused);
    RunningMall.stop();
  }

  @Example
  void everyRpcIsCovered() {
    assertThat(MallRpcs.all()).hasSize(47);
  }

  @Example
  void everyRpcSurvivesTheClassicsOverGrpc() {
    for (Rpc rpc : MallRpcs.all()) {
      var type = rpc.method().getInputType();
      for (UniformRequests uniform : classics()) {
        Message request = uniform.of(type);
        callGrpc(rpc, request.toByteArray(), uniform.toString());
      }
      for (FieldDescriptor field : HostileBodies.stringFields(type)) {
        callGrpc(
            rpc,
            HostileBodies.withInvalidUtf8(
                com.google.protobuf.DynamicMessage.getDefaultInstance(type), field),
            "invalid UTF-8 in " + field.getName());
      }
      Message plausible = new UniformRequests(knownId(), 9.99, 1, 1, 1, true).of(type);
      callGrpc(rpc, new byte[0], "empty");
      callGrpc(rpc, HostileBodies.withUnknownField(plausible), "unknown field");
      callGrpc(rpc, HostileBodies.truncated(plausible), "truncated");
      callGrpc(rpc, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, "garbage");
      callGrpc(
          rpc,
          new UniformRequests("y".repeat(5 << 20), 1, 1, 1, 1, true).of(type).toByteArray(),
          "over the size limit");
    }
  }

  @Example
  void everyRpcSurvivesTheClassicsOverJson() {
    for (Rpc rpc : MallRpcs.all()) {
      var type = rpc.method().getInputType();
      for (UniformRequests uniform : classics()) {
        callJson(
            rpc,
            HostileBodies.text(HostileBodies.json(uniform.of(type)).encode()),
            uniform.toString());
      }
      for (String body : HostileBodies.MALFORMED_JSON) {
        callJson(rpc, HostileBodies.text(body), "malformed: " + abbreviated(body));
      }
      JsonObject plausible =
          HostileBodies.json(new UniformRequests(knownId(), 9.99, 1, 1, 1, true).of(type));
      for (FieldDescriptor field : type.getFields()) {
        for (Object wrong : HostileBodies.ANY_JSON) {
          callJson(
              rpc,
              HostileBodies.withField(plausible, field.getJsonName(), wrong),
              field.getJsonName() + " = " + wrong);
        }
      }
      for (FieldDescriptor field : HostileBodies.stringFields(type)) {
        callJson(
            rpc,
            HostileBodies.withInvalidUtf8(plausible, field.getJsonName()),
            "invalid UTF-8 in " + field.getName());
      }
      callJson(rpc, HostileBodies.withField(plausible, "unknownField", 1), "unknown field");
      callJson(
          rpc,
          HostileBodies.text(new JsonObject().put("x", "y".repeat(5 << 20)).encode()),
          "over the size limit");
    }
  }

  @Property(shrinking = ShrinkingMode.OFF)
  void everyRpcAnswersRandomRequestsDeliberatelyOverGrpc(@ForAll("grpcCalls") GrpcCall call) {
    callGrpc(call.rpc(), call.bytes(), call.description());
  }

  @Property(shrinking = ShrinkingMode.OFF)
  void everyRpcAnswersRandomRequestsDeliberatelyOverJson(@ForAll("jsonCalls") JsonCall call) {
    callJson(call.rpc(), call.body(), call.description());
  }

  record GrpcCall(Rpc rpc, byte[] bytes, String description) {
    @Override
    public String toString() {
      return rpc + " " + description;
    }
  }

  record JsonCall(Rpc rpc, Buffer body, String description) {
    @Override
    public String toString() {
      return rpc + " " + description;
    }
  }

  @Provide
  Arbitrary<GrpcCall> grpcCalls() {
    return Arbitraries.of(MallRpcs.all())
        .flatMap(
            rpc ->
                requests
                    .of(rpc.method().getInputType())
                    .flatMap(
                        request -> {
                          List<Tuple2<Integer, Arbitrary<GrpcCall>>> choices = new ArrayList<>();
                          choices.add(
                              Tuple.of(
                                  8,
                                  Arbitraries.just(
                                      new GrpcCall(rpc, request.toByteArray(), shown(request)))));
                          List<FieldDescriptor> strings =
                              HostileBodies.stringFields(request.getDescriptorForType());
                          if (!strings.isEmpty()) {
                            choices.add(
                                Tuple.of(
                                    1,
                                    Arbitraries.of(strings)
                                        .map(
                                            field ->
                                                new GrpcCall(
                                                    rpc,
                                                    HostileBodies.withInvalidUtf8(request, field),
                                                    "invalid UTF-8 in " + field.getName()))));
                          }
                          choices.add(
                              Tuple.of(
                                  1,
                                  Arbitraries.just(
                                      new GrpcCall(
                                          rpc,
                                          HostileBodies.withUnknownField(request),
                                          "unknown field with " + shown(request)))));
                          choices.add(
                              Tuple.of(
                                  1,
                                  Arbitraries.just(
                                      new GrpcCall(
                                          rpc,
                                          HostileBodies.truncated(request),
                                          "truncated " + shown(request)))));
                          choices.add(
                              Tuple.of(
                                  1,
                                  Arbitraries.bytes()
                                      .array(byte[].class)
                                      .ofMaxSize(40)
                                      .map(bytes -> new GrpcCall(rpc, bytes, "random bytes"))));
                          return Arbitraries.frequencyOf(choices);
                        }));
  }

  @Provide
  Arbitrary<JsonCall> jsonCalls() {
    return Arbitraries.of(MallRpcs.all())
        .flatMap(
            rpc ->
                requests
                    .of(rpc.method().getInputType())
                    .flatMap(
                        request -> {
                          JsonObject json = HostileBodies.json(request);
                          List<Tuple2<Integer, Arbitrary<JsonCall>>> choices = new ArrayList<>();
                          choices.add(
                              Tuple.of(
                                  6,
                                  Arbitraries.just(
                                      new JsonCall(
                                          rpc,
                                          HostileBodies.text(json.encode()),
                                          shown(request)))));
                          List<FieldDescriptor> fields = request.getDescriptorForType().getFields();
                          if (!fields.isEmpty()) {
                            choices.add(
                                Tuple.of(
                                    3,
                                    Arbitraries.of(fields)
                                        .flatMap(
                                            field ->
                                                Arbitraries.of(HostileBodies.ANY_JSON)
                                                    .map(
                                                        wrong ->
                                                            new JsonCall(
                                                                rpc,
                                                                HostileBodies.withField(
                                                                    json,
                                                                    field.getJsonName(),
                                                                    wrong),
                                                                field.getJsonName()
                                                                    + " = "
                                                                    + wrong)))));
                          }
                          List<FieldDescriptor> strings =
                              HostileBodies.stringFields(request.getDescriptorForType());
                          if (!strings.isEmpty()) {
                            choices.add(
                                Tuple.of(
                                    1,
                                    Arbitraries.of(strings)
                                        .map(
                                            field ->
                                                new JsonCall(
                                                    rpc,
                                                    HostileBodies.withInvalidUtf8(
                                                        json, field.getJsonName()),
                                                    "invalid UTF-8 in " + field.getName()))));
                          }
                          choices.add(
                              Tuple.of(
                                  1,
                                  Arbitraries.of(HostileBodies.MALFORMED_JSON)
                                      .map(
                                          body ->
                                              new JsonCall(
                                                  rpc,
                                                  HostileBodies.text(body),
                                                  "malformed: " + abbreviated(body)))));
                          return Arbitraries.frequencyOf(choices);
                        }));
  }

  private static List<UniformRequests> classics() {
    List<UniformRequests> classics = new ArrayList<>();
    classics.add(new UniformRequests("", 0, 0, 0, 0, false));
    classics.add(new UniformRequests(HostileValues.ONE_MEGABYTE, 1, 1, 1, 1, true));
    classics.add(new UniformRequests(knownId(), Double.NaN, -1, -1, 99, true));
    classics.add(
        new UniformRequests(
            knownId(), Double.NEGATIVE_INFINITY, Integer.MIN_VALUE, Long.MIN_VALUE, -1, true));
    classics.add(
        new UniformRequests(
            knownId(), Double.POSITIVE_INFINITY, Integer.MAX_VALUE, Long.MAX_VALUE, 1, true));
    classics.add(new UniformRequests(knownId(), -1e300, 1, 253_402_300_800L, 1, false));
    classics.add(new UniformRequests("\u0000", 0.001, 1, 1, 1, true));
    classics.add(new UniformRequests("1-2-3-4-5", 9.99, 1, 1, 1, true));
    for (String injection : HostileValues.INJECTIONS) {
      classics.add(new UniformRequests(injection, 9.99, 1, 1, 1, true));
    }
    return classics;
  }

  private static String knownId() {
    List<String> ids = values.knownIds();
    return ids.isEmpty() ? java.util.UUID.randomUUID().toString() : ids.get(ids.size() / 2);
  }

  /**
   * A user, a participating store with a product, a payment, a basket with an item, a checked-out
   * basket.
   */
  private static void stockTheMall() {
    String user =
        stock(
            "users",
            "RegisterUser",
            new JsonObject()
                .put("username", "fuzz-ada")
                .put("password", "correct horse battery staple")
                .put("email", "ada@fuzz.example"),
            "id");
    String store =
        stock(
            "stores",
            "CreateStore",
            new JsonObject().put("name", "Fuzz Store").put("location", "Main St"),
            "id");
    stock("stores", "EnableParticipation", new JsonObject().put("id", store), null);
    String product =
        stock(
            "stores",
            "AddProduct",
            new JsonObject()
                .put("storeId", store)
                .put("name", "Widget")
                .put("sku", "W-1")
                .put("price", 9.99),
            "id");
    String payment =
        stock(
            "payments",
            "AuthorizePayment",
            new JsonObject().put("userId", user).put("amount", 100),
            "id");
    databases.awaitQuiet(); // baskets learn the product from stores' events
    String basket = stock("baskets", "StartBasket", new JsonObject().put("userId", user), "id");
    stock(
        "baskets",
        "AddItem",
        new JsonObject().put("id", basket).put("productId", product).put("quantity", 2),
        null);
    String checkedOut = stock("baskets", "StartBasket", new JsonObject().put("userId", user), "id");
    stock(
        "baskets",
        "AddItem",
        new JsonObject().put("id", checkedOut).put("productId", product).put("quantity", 1),
        null);
    stock(
        "baskets",
        "CheckoutBasket",
        new JsonObject().put("id", checkedOut).put("paymentId", payment),
        null);
    databases.awaitQuiet();
    stock("search", "SearchOrders", new JsonObject(), null); // remembers the order's id
    quietFingerprint = databases.fingerprint();
    assertThat(MallDatabases.deadLetters(quietFingerprint))
        .as("dead letters after stocking the mall")
        .isZero();
  }

  private static String stock(String service, String rpc, JsonObject request, String idField) {
    Rpc target =
        MallRpcs.all().stream()
            .filter(r -> r.service().equals(service) && r.method().getName().equals(rpc))
            .findFirst()
            .orElseThrow();
    Answer answer = calls.json(target, HostileBodies.text(request.encode()));
    assertThat(answer.httpStatus()).as("stocking the mall: %s %s", target, answer).isEqualTo(200);
    remember(answer.body());
    return idField == null ? null : new JsonObject(answer.body()).getString(idField);
  }

  private static void callGrpc(Rpc rpc, byte[] request, String description) {
    Answer answer = deliberately(rpc + " " + description, () -> calls.grpc(rpc, request));
    assertThat(answer.transportFailure())
        .as("%s %s: the call itself failed", rpc, description)
        .isNull();
    assertThat(DELIBERATE)
        .as("%s %s answered %s", rpc, description, answer)
        .contains(answer.grpcStatus());
  }

  private static void callJson(Rpc rpc, Buffer body, String description) {
    trace("-> " + rpc + " " + abbreviated(description));
    Answer answer = deliberately(rpc + " " + description, () -> calls.json(rpc, body));
    trace("<- " + answer);
    if (answer.transportFailure() != null) {
      trace("   database: " + databases.activity());
    }
    assertThat(answer.transportFailure())
        .as("%s %s: the call itself failed", rpc, description)
        .isNull();
    assertThat(DELIBERATE_HTTP)
        .as("%s %s answered %s", rpc, description, answer)
        .contains(answer.httpStatus());
    assertThat(answer.contentType())
        .as("%s %s answered %s", rpc, description, answer)
        .startsWith("application/json");
    JsonObject json = new JsonObject(answer.body());
    if (answer.httpStatus() != 200) {
      assertThat(json.getString("code"))
          .as("%s %s answered %s", rpc, description, answer)
          .isNotBlank();
      assertThat(json.getString("message"))
          .as("%s %s answered %s", rpc, description, answer)
          .isNotNull();
    }
  }

  /**
   * Makes the call on a quiet mall; a refused call must leave every table as it was. After an
   * accepted one, event handlers may still be at work: the next call waits for them, and then finds
   * no dead letter.
   */
  private static Answer deliberately(String what, Supplier<Answer> call) {
    if (quietFingerprint == null) {
      databases.awaitQuiet();
      quietFingerprint = databases.fingerprint();
      // What a service accepted, every other service can handle: a dead letter means one of them
      // let in what another refuses (payments once took any order id for an invoice, and ordering
      // dead-lettered its payment).
      assertThat(MallDatabases.deadLetters(quietFingerprint))
          .as("dead letters after %s", lastAccepted)
          .isZero();
    }
    Answer answer = call.get();
    if (answer.refused()) {
      refused++;
      Map<String, String> after = databases.fingerprint();
      assertThat(MallDatabases.changed(quietFingerprint, after))
          .as("tables changed by a refused request (%s)", answer)
          .isEmpty();
    } else {
      accepted++;
      lastAccepted = what + " -> " + answer;
      quietFingerprint = null;
      remember(answer.body());
    }
    return answer;
  }

  /** Ids in an accepted answer (JSON or protobuf bytes alike) become values for later requests. */
  private static void remember(Buffer body) {
    if (body == null) {
      return;
    }
    Matcher ids = UUID.matcher(new String(body.getBytes(), StandardCharsets.ISO_8859_1));
    while (ids.find()) {
      values.remember(ids.group());
    }
  }

  private static void trace(String line) {
    try {
      java.nio.file.Files.writeString(
          java.nio.file.Path.of("target/fuzz-calls.log"),
          line.replace('\n', ' ') + "\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String shown(Message request) {
    return abbreviated(request.toString().replace('\n', ' '));
  }

  private static String abbreviated(String text) {
    return text.length() <= 200
        ? text
        : text.substring(0, 200) + "... (" + text.length() + " chars)";
  }
}
