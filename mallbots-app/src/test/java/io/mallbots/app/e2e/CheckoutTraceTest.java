package io.mallbots.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.baskets.v1.AddItemRequest;
import io.mallbots.baskets.v1.BasketServiceGrpcClient;
import io.mallbots.baskets.v1.CheckoutBasketRequest;
import io.mallbots.baskets.v1.StartBasketRequest;
import io.mallbots.core.observability.Observability;
import io.mallbots.payments.v1.AuthorizePaymentRequest;
import io.mallbots.payments.v1.PaymentsServiceGrpcClient;
import io.mallbots.stores.v1.AddProductRequest;
import io.mallbots.stores.v1.CreateStoreRequest;
import io.mallbots.stores.v1.StoresServiceGrpcClient;
import io.mallbots.users.v1.RegisterUserRequest;
import io.mallbots.users.v1.UserServiceGrpcClient;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One checkout is one trace: from the shopper's gRPC call through baskets, over the broker to
 * ordering, through the saga's commands and replies to users and payments, and on to notifications
 * and search, every service's span has the trace id of the call and the parent it was caused by.
 */
class CheckoutTraceTest {

  private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("mallbots.service");
  private static final AttributeKey<String> GROUP =
      AttributeKey.stringKey("messaging.consumer.group.name");
  private static final AttributeKey<String> MESSAGE =
      AttributeKey.stringKey("mallbots.message.name");
  private static final AttributeKey<String> TOPIC =
      AttributeKey.stringKey("messaging.destination.name");
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();

  @AfterEach
  void stopMall() {
    RunningMall.stop();
  }

  @ParameterizedTest
  @ValueSource(strings = {"kafka", "nats"})
  void one_checkout_is_one_trace_across_the_services_and_the_broker(String broker) {
    RunningMall.start(broker, false, SimpleSpanProcessor.create(spans));
    RunningMall mall = RunningMall.current();
    FilledBasket basket = aFilledBasketWithPayment(mall);
    spans.reset();

    Span shopper =
        Observability.tracer(mall.vertx())
            .spanBuilder("shopper checks out")
            .setSpanKind(SpanKind.INTERNAL)
            .startSpan();
    checkOutWithin(mall, shopper, basket);
    shopper.end();
    String traceId = shopper.getSpanContext().getTraceId();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              List<SpanData> trace = trace(traceId);
              assertThat(
                      trace.stream()
                          .map(span -> span.getAttributes().get(SERVICE))
                          .collect(Collectors.toSet()))
                  .as(describe(trace))
                  .contains("baskets", "ordering", "users", "payments", "notifications", "search");
              assertThat(consumers(trace, "search-orders"))
                  .as(describe(trace))
                  .anySatisfy(
                      span ->
                          assertThat(span.getName()).contains("mallbots.ordering.events.Order"));
              // Every span's parent is a span of the same trace that was recorded: no hop starts a
              // trace of its own.
              Map<String, SpanData> byId =
                  trace.stream()
                      .collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
              assertThat(trace)
                  .as(describe(trace))
                  .allSatisfy(
                      span -> {
                        if (!span.getSpanId().equals(shopper.getSpanContext().getSpanId())) {
                          assertThat(byId).containsKey(span.getParentSpanId());
                        }
                      });
              theHopsHold(trace, byId, shopper);
            });
  }

  /** The links of each hop, checked once every span of the saga has ended. */
  private static void theHopsHold(List<SpanData> trace, Map<String, SpanData> byId, Span shopper) {
    SpanData checkout = only(trace, span -> span.getName().equals("BasketService/CheckoutBasket"));
    assertThat(checkout.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(ancestors(checkout, byId))
        .as("gRPC hop: the shopper's call is the server span's ancestor")
        .contains(shopper.getSpanContext().getSpanId());

    // Broker hop 1: ordering's handling of BasketCheckedOut is a child of the checkout's server
    // span itself, not of a SQL or client span that happened to be current when the outbox row was
    // written.
    SpanData checkedOut =
        only(
            consumers(trace, "ordering-"),
            span -> span.getName().contains("mallbots.baskets.events.Basket"));
    assertThat(checkedOut.getParentSpanId()).isEqualTo(checkout.getSpanId());

    // Saga hops: users' and payments' command handling are children of ordering's consumer spans,
    // and ordering's handling of their replies is a child of theirs.
    for (String participant : List.of("users", "payments")) {
      SpanData command =
          only(
              trace,
              span ->
                  participant.equals(span.getAttributes().get(SERVICE))
                      && span.getKind() == SpanKind.CONSUMER
                      && span.getName().contains("mallbots." + participant + ".commands"));
      assertThat(byId.get(command.getParentSpanId()).getAttributes().get(SERVICE))
          .isEqualTo("ordering");
      assertThat(consumers(trace, "ordering-"))
          .as("ordering handles %s's reply", participant)
          .anySatisfy(
              reply -> {
                assertThat(reply.getName()).contains("mallbots.ordering.replies.CreateOrder");
                assertThat(reply.getParentSpanId()).isEqualTo(command.getSpanId());
              });
    }
    assertThat(consumers(trace, "search-orders"))
        .as("search hears the order approved")
        .extracting(span -> span.getAttributes().get(MESSAGE))
        .contains("ordering.OrderApproved");
    // Events out of ordering reach notifications and search as children of ordering's work.
    for (String group : List.of("notifications-", "search-orders")) {
      assertThat(consumers(trace, group))
          .isNotEmpty()
          .allSatisfy(
              span ->
                  assertThat(byId.get(span.getParentSpanId()).getAttributes().get(SERVICE))
                      .isEqualTo("ordering"));
    }
  }

  private static FilledBasket aFilledBasketWithPayment(RunningMall mall) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    var stores = StoresServiceGrpcClient.create(mall.grpc(), mall.address("stores"));
    var users = UserServiceGrpcClient.create(mall.grpc(), mall.address("users"));
    var payments = PaymentsServiceGrpcClient.create(mall.grpc(), mall.address("payments"));
    var baskets = BasketServiceGrpcClient.create(mall.grpc(), mall.address("baskets"));
    String storeId =
        stores
            .createStore(
                CreateStoreRequest.newBuilder()
                    .setName("Trace Parts " + run)
                    .setLocation("Hall 2")
                    .build())
            .await()
            .getId();
    String productId =
        stores
            .addProduct(
                AddProductRequest.newBuilder()
                    .setStoreId(storeId)
                    .setName("Gear set")
                    .setSku("GRS-" + run)
                    .setPrice(4.25)
                    .build())
            .await()
            .getId();
    String userId =
        users
            .registerUser(
                RegisterUserRequest.newBuilder()
                    .setUsername("tracy-" + run)
                    .setPassword("correct horse battery")
                    .setEmail("tracy-" + run + "@example.com")
                    .build())
            .await()
            .getId();
    String basketId =
        baskets
            .startBasket(StartBasketRequest.newBuilder().setUserId(userId).build())
            .await()
            .getId();
    baskets
        .addItem(
            AddItemRequest.newBuilder()
                .setId(basketId)
                .setProductId(productId)
                .setQuantity(2)
                .build())
        .await();
    String paymentId =
        payments
            .authorizePayment(
                AuthorizePaymentRequest.newBuilder().setUserId(userId).setAmount(8.50).build())
            .await()
            .getId();
    return new FilledBasket(basketId, paymentId);
  }

  private record FilledBasket(String id, String paymentId) {}

  /** The shopper's gRPC call, made with {@code shopper} current, as a traced partner shop would. */
  private static void checkOutWithin(RunningMall mall, Span shopper, FilledBasket basket) {
    var baskets = BasketServiceGrpcClient.create(mall.grpc(), mall.address("baskets"));
    ContextInternal own = ((ContextInternal) mall.vertx().getOrCreateContext()).duplicate();
    Promise<Void> done = Promise.promise();
    own.runOnContext(
        v -> {
          Context.root().with(shopper).makeCurrent(); // this duplicate serves this call only
          Future<?> call =
              baskets.checkoutBasket(
                  CheckoutBasketRequest.newBuilder()
                      .setId(basket.id())
                      .setPaymentId(basket.paymentId())
                      .build());
          call.<Void>mapEmpty().onComplete(done);
        });
    done.future().await();
  }

  private List<SpanData> trace(String traceId) {
    return spans.getFinishedSpanItems().stream()
        .filter(span -> span.getTraceId().equals(traceId))
        .toList();
  }

  private static List<SpanData> consumers(List<SpanData> trace, String groupPart) {
    return trace.stream()
        .filter(
            span ->
                span.getKind() == SpanKind.CONSUMER
                    && span.getAttributes().get(GROUP) != null
                    && span.getAttributes().get(GROUP).contains(groupPart))
        .toList();
  }

  private static SpanData only(List<SpanData> trace, java.util.function.Predicate<SpanData> which) {
    List<SpanData> found = trace.stream().filter(which).toList();
    assertThat(found).as(describe(trace)).hasSize(1);
    return found.get(0);
  }

  private static Set<String> ancestors(SpanData span, Map<String, SpanData> byId) {
    Set<String> ids = new java.util.HashSet<>();
    String parent = span.getParentSpanId();
    while (parent != null && ids.add(parent)) {
      SpanData next = byId.get(parent);
      parent = next == null ? null : next.getParentSpanId();
    }
    return ids;
  }

  /** The trace as a readable list, for failure messages. */
  private static String describe(List<SpanData> trace) {
    return trace.stream()
        .map(
            span ->
                String.format(
                    "%n  %s %s %s [%s] parent=%s svc=%s topic=%s group=%s",
                    span.getSpanId(),
                    span.getKind(),
                    span.getName(),
                    span.getInstrumentationScopeInfo().getName(),
                    span.getParentSpanId(),
                    span.getAttributes().get(SERVICE),
                    span.getAttributes().get(TOPIC),
                    span.getAttributes().get(GROUP)))
        .collect(Collectors.joining());
  }
}
