package io.mallbots.app.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Message;
import io.mallbots.app.e2e.RunningMall;
import io.mallbots.baskets.v1.AddItemRequest;
import io.mallbots.baskets.v1.CancelBasketRequest;
import io.mallbots.baskets.v1.CheckoutBasketRequest;
import io.mallbots.baskets.v1.GetBasketRequest;
import io.mallbots.baskets.v1.RemoveItemRequest;
import io.mallbots.baskets.v1.StartBasketRequest;
import io.mallbots.common.v1.Access;
import io.mallbots.core.rpc.RpcAccess;
import io.mallbots.notifications.v1.GetNotificationsRequest;
import io.mallbots.ordering.v1.CancelOrderRequest;
import io.mallbots.ordering.v1.CompleteOrderRequest;
import io.mallbots.ordering.v1.OrderStatus;
import io.mallbots.ordering.v1.ReadyOrderRequest;
import io.mallbots.payments.v1.AuthorizePaymentRequest;
import io.mallbots.payments.v1.GetInvoiceRequest;
import io.mallbots.payments.v1.GetPaymentRequest;
import io.mallbots.payments.v1.PayInvoiceRequest;
import io.mallbots.search.v1.SearchOrdersRequest;
import io.mallbots.stores.v1.AddProductRequest;
import io.mallbots.stores.v1.CreateStoreRequest;
import io.mallbots.stores.v1.DecreaseProductPriceRequest;
import io.mallbots.stores.v1.DisableParticipationRequest;
import io.mallbots.stores.v1.EnableParticipationRequest;
import io.mallbots.stores.v1.IncreaseProductPriceRequest;
import io.mallbots.stores.v1.RebrandProductRequest;
import io.mallbots.stores.v1.RebrandStoreRequest;
import io.mallbots.stores.v1.RemoveProductRequest;
import io.mallbots.users.v1.GetUserRequest;
import io.mallbots.users.v1.RegisterUserRequest;
import io.mallbots.users.v1.UpdateUserRequest;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The owner and store-keeper rules of docs/security.md on real things: Alice's basket, payment,
 * order, invoice and user record, and the stores of two keepers, Kim (store A) and Ken (store B).
 * Alice's order holds products of both stores. Every such RPC is called as another shopper
 * (Mallory), as a keeper of one store of the order, and for the keeper rule as the order's own
 * shopper: each is refused, and Alice's things are unchanged afterwards. Then the rightful caller
 * is let through. Adding an RPC with one of these rules and no row here fails.
 *
 * <p>The attacks a partner shop tried are here by name too: each is refused and leaves Alice's
 * order, payment and invoice as they were.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnershipMatrixTest {

  private RunningMall mall;
  private MallTokens tokens;
  private CallsAs calls;
  private final Map<String, String> ids = new LinkedHashMap<>();

  @BeforeAll
  void start(Vertx vertx) {
    mall = RunningMall.open(vertx, "memory", Map.of("AUTH_REQUIRED", "true"));
    tokens = new MallTokens(mall.keys());
    calls = new CallsAs(mall);
    for (String party : List.of("alice", "mallory", "kim", "ken")) {
      String name = party + "-" + UUID.randomUUID().toString().substring(0, 8);
      ids.put(
          party,
          ok(
                  call(
                      "users",
                      "RegisterUser",
                      null,
                      RegisterUserRequest.newBuilder()
                          .setUsername(name)
                          .setPassword("correct horse battery")
                          .setEmail(name + "@example.com")
                          .build()),
                  io.mallbots.users.v1.RegisterUserResponse.parser())
              .getId());
    }
    ids.put("storeA", storeOf("kim"));
    ids.put("storeB", storeOf("ken"));
    ids.put("productA", product("kim", "storeA", 10));
    ids.put("productB", product("ken", "storeB", 5));
    ids.put("spareProduct", product("kim", "storeA", 1));
    ids.put("mixedOrder", checkout(List.of("productA", "productB"), 15));
    ids.put("ownOrder", checkout(List.of("productA"), 10));
    ids.put("payment", paymentOf(15));
    ids.put("basket", basketWith(List.of("productA")));

    call(
        "ordering",
        "ReadyOrder",
        tokens.service("ordering"),
        ReadyOrderRequest.newBuilder().setId(ids.get("mixedOrder")).build());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                ids.put(
                    "invoice",
                    ok(
                            call(
                                "payments",
                                "GetInvoice",
                                tokens.service("payments"),
                                GetInvoiceRequest.newBuilder()
                                    .setOrderId(ids.get("mixedOrder"))
                                    .build()),
                            io.mallbots.payments.v1.GetInvoiceResponse.parser())
                        .getInvoice()
                        .getId()));
  }

  @AfterAll
  void stop() {
    if (mall != null) {
      mall.close();
    }
  }

  /**
   * One RPC on one of Alice's (or a keeper's) things: who owns it, and who else is to be refused.
   */
  private record Case(
      String service, String rpc, Message request, String owner, List<String> refused) {}

  private List<Case> cases() {
    String alice = ids.get("alice");
    List<String> notAlice = List.of("mallory", "kim");
    List<String> notKim = List.of("mallory", "ken", "alice");
    // The mixed order's keepers each keep one of its stores; its shopper keeps none.
    List<String> keepersOfOne = List.of("kim", "ken", "alice", "mallory");
    return List.of(
        new Case(
            "baskets",
            "StartBasket",
            StartBasketRequest.newBuilder().setUserId(alice).build(),
            "alice",
            notAlice),
        new Case(
            "baskets",
            "GetBasket",
            GetBasketRequest.newBuilder().setId(ids.get("basket")).build(),
            "alice",
            notAlice),
        new Case(
            "baskets",
            "AddItem",
            AddItemRequest.newBuilder()
                .setId(ids.get("basket"))
                .setProductId(ids.get("productA"))
                .setQuantity(1)
                .build(),
            "alice",
            notAlice),
        new Case(
            "baskets",
            "RemoveItem",
            RemoveItemRequest.newBuilder()
                .setId(ids.get("basket"))
                .setProductId(ids.get("productA"))
                .setQuantity(1)
                .build(),
            "alice",
            notAlice),
        new Case(
            "baskets",
            "CheckoutBasket",
            CheckoutBasketRequest.newBuilder()
                .setId(ids.get("basket"))
                .setPaymentId(ids.get("payment"))
                .build(),
            "alice",
            notAlice),
        new Case(
            "baskets",
            "CancelBasket",
            CancelBasketRequest.newBuilder().setId(ids.get("basket")).build(),
            "alice",
            notAlice),
        new Case(
            "notifications",
            "GetNotifications",
            GetNotificationsRequest.newBuilder().setUserId(alice).build(),
            "alice",
            notAlice),
        new Case(
            "ordering",
            "GetOrder",
            io.mallbots.ordering.v1.GetOrderRequest.newBuilder()
                .setId(ids.get("mixedOrder"))
                .build(),
            "alice",
            notAlice),
        new Case(
            "ordering",
            "CancelOrder",
            CancelOrderRequest.newBuilder().setId(ids.get("mixedOrder")).build(),
            "alice",
            notAlice),
        new Case(
            "ordering",
            "ReadyOrder",
            ReadyOrderRequest.newBuilder().setId(ids.get("ownOrder")).build(),
            "kim",
            List.of("mallory", "ken", "alice")),
        new Case(
            "ordering",
            "CompleteOrder",
            CompleteOrderRequest.newBuilder()
                .setId(ids.get("mixedOrder"))
                .setInvoiceId(UUID.randomUUID().toString())
                .build(),
            null,
            keepersOfOne),
        new Case(
            "payments",
            "AuthorizePayment",
            AuthorizePaymentRequest.newBuilder().setUserId(alice).setAmount(1).build(),
            "alice",
            notAlice),
        new Case(
            "payments",
            "GetPayment",
            GetPaymentRequest.newBuilder().setId(ids.get("payment")).build(),
            "alice",
            notAlice),
        new Case(
            "payments",
            "GetInvoice",
            GetInvoiceRequest.newBuilder().setId(ids.get("invoice")).build(),
            "alice",
            notAlice),
        new Case(
            "payments",
            "PayInvoice",
            PayInvoiceRequest.newBuilder().setId(ids.get("invoice")).build(),
            "alice",
            notAlice),
        new Case(
            "search",
            "SearchOrders",
            SearchOrdersRequest.newBuilder()
                .setFilters(SearchOrdersRequest.Filters.newBuilder().setUserId(alice))
                .build(),
            "alice",
            notAlice),
        new Case(
            "search",
            "GetOrder",
            io.mallbots.search.v1.GetOrderRequest.newBuilder().setId(ids.get("mixedOrder")).build(),
            "alice",
            notAlice),
        new Case(
            "stores",
            "CreateStore",
            CreateStoreRequest.newBuilder()
                .setName("Kim's second")
                .setLocation("Hall 9")
                .setOwnerId(ids.get("kim"))
                .build(),
            "kim",
            notKim),
        new Case(
            "stores",
            "RebrandStore",
            RebrandStoreRequest.newBuilder().setId(ids.get("storeA")).setName("Kim's").build(),
            "kim",
            notKim),
        new Case(
            "stores",
            "DisableParticipation",
            DisableParticipationRequest.newBuilder().setId(ids.get("storeA")).build(),
            "kim",
            notKim),
        new Case(
            "stores",
            "EnableParticipation",
            EnableParticipationRequest.newBuilder().setId(ids.get("storeA")).build(),
            "kim",
            notKim),
        new Case(
            "stores",
            "AddProduct",
            AddProductRequest.newBuilder()
                .setStoreId(ids.get("storeA"))
                .setName("Bolt")
                .setSku("B-" + UUID.randomUUID())
                .setPrice(2)
                .build(),
            "kim",
            notKim),
        new Case(
            "stores",
            "RebrandProduct",
            RebrandProductRequest.newBuilder().setId(ids.get("productA")).setName("Servo").build(),
            "kim",
            notKim),
        new Case(
            "stores",
            "IncreaseProductPrice",
            IncreaseProductPriceRequest.newBuilder()
                .setId(ids.get("spareProduct"))
                .setPrice(3)
                .build(),
            "kim",
            notKim),
        new Case(
            "stores",
            "DecreaseProductPrice",
            DecreaseProductPriceRequest.newBuilder()
                .setId(ids.get("spareProduct"))
                .setPrice(2)
                .build(),
            "kim",
            notKim),
        new Case(
            "stores",
            "RemoveProduct",
            RemoveProductRequest.newBuilder().setId(ids.get("spareProduct")).build(),
            "kim",
            notKim),
        new Case(
            "users",
            "GetUser",
            GetUserRequest.newBuilder().setId(alice).build(),
            "alice",
            notAlice),
        new Case(
            "users",
            "UpdateUser",
            UpdateUserRequest.newBuilder().setId(alice).setBio("mine").build(),
            "alice",
            notAlice));
  }

  @Test
  void
      every_owner_and_keeper_rpc_refuses_everyone_but_the_rightful_caller_and_leaves_alices_things_as_they_were() {
    List<Case> cases = cases();
    List<String> uncovered = new ArrayList<>();
    AuthorizationMatrixTest.everyRpc()
        .forEach(
            (method, service) -> {
              Access rule = RpcAccess.ruleOf(method);
              boolean covered =
                  cases.stream()
                      .anyMatch(
                          c -> c.service().equals(service) && c.rpc().equals(method.getName()));
              if ((rule == Access.ACCESS_OWNER || rule == Access.ACCESS_STORE_KEEPER) && !covered) {
                uncovered.add(service + "/" + method.getName());
              }
            });
    assertThat(uncovered).as("owner and keeper RPCs without a case here").isEmpty();

    Map<String, Message> before = alicesThings();
    List<String> wrong = new ArrayList<>();
    for (Case c : cases) {
      for (String party : c.refused()) {
        CallsAs.Answer answer =
            call(c.service(), c.rpc(), tokens.user(ids.get(party)), c.request());
        if (answer.status() != GrpcStatus.PERMISSION_DENIED) {
          wrong.add(
              c.service()
                  + "/"
                  + c.rpc()
                  + " as "
                  + party
                  + ": "
                  + answer
                  + ", should be PERMISSION_DENIED");
        }
      }
    }
    assertThat(wrong).as("calls on someone else's things that were not refused").isEmpty();
    assertThat(alicesThings()).as("Alice's things after every refused call").isEqualTo(before);

    for (Case c : cases) {
      if (c.owner() != null) {
        CallsAs.Answer answer =
            call(c.service(), c.rpc(), tokens.user(ids.get(c.owner())), c.request());
        if (answer.deniedForCaller()) {
          wrong.add(c.service() + "/" + c.rpc() + " as its owner " + c.owner() + ": " + answer);
        }
      }
    }
    assertThat(wrong).as("rightful callers refused").isEmpty();
  }

  @Test
  void a_shopper_cannot_set_someone_elses_invoice_to_zero_nor_pay_it() {
    Map<String, Message> before = alicesThings();
    String mallory = tokens.user(ids.get("mallory"));

    assertThat(
            call(
                    "payments",
                    "AdjustInvoice",
                    mallory,
                    io.mallbots.payments.v1.AdjustInvoiceRequest.newBuilder()
                        .setId(ids.get("invoice"))
                        .setAmount(0)
                        .build())
                .status())
        .isEqualTo(GrpcStatus.PERMISSION_DENIED);
    assertThat(
            call(
                    "payments",
                    "CancelInvoice",
                    mallory,
                    io.mallbots.payments.v1.CancelInvoiceRequest.newBuilder()
                        .setId(ids.get("invoice"))
                        .build())
                .status())
        .isEqualTo(GrpcStatus.PERMISSION_DENIED);
    assertThat(
            call(
                    "payments",
                    "CreateInvoice",
                    mallory,
                    io.mallbots.payments.v1.CreateInvoiceRequest.newBuilder()
                        .setOrderId(ids.get("ownOrder"))
                        .setPaymentId(ids.get("payment"))
                        .setAmount(0)
                        .build())
                .status())
        .isEqualTo(GrpcStatus.PERMISSION_DENIED);
    assertThat(alicesThings()).isEqualTo(before);
  }

  @Test
  void a_shopper_cannot_confirm_someone_elses_payment() {
    Map<String, Message> before = alicesThings();

    assertThat(
            call(
                    "payments",
                    "ConfirmPayment",
                    tokens.user(ids.get("mallory")),
                    io.mallbots.payments.v1.ConfirmPaymentRequest.newBuilder()
                        .setId(ids.get("payment"))
                        .setAmount(15)
                        .build())
                .status())
        .isEqualTo(GrpcStatus.PERMISSION_DENIED);
    assertThat(alicesThings()).isEqualTo(before);
  }

  @Test
  void a_shopper_cannot_order_for_another_user_nor_set_the_price() {
    Map<String, Message> before = alicesThings();
    var cheapLamp =
        io.mallbots.ordering.v1.CreateOrderRequest.newBuilder()
            .setUserId(ids.get("alice"))
            .setPaymentId(ids.get("payment"))
            .addItems(
                io.mallbots.ordering.v1.Item.newBuilder()
                    .setProductId(ids.get("productA"))
                    .setStoreId(ids.get("storeA"))
                    .setProductName("Lamp")
                    .setStoreName("Kim's")
                    .setPrice(0.01)
                    .setQuantity(1))
            .build();

    assertThat(call("ordering", "CreateOrder", tokens.user(ids.get("mallory")), cheapLamp).status())
        .isEqualTo(GrpcStatus.PERMISSION_DENIED);
    assertThat(call("ordering", "CreateOrder", tokens.user(ids.get("alice")), cheapLamp).status())
        .as(
            "not even for oneself: a shopper's order comes from their basket, at the stores' prices")
        .isEqualTo(GrpcStatus.PERMISSION_DENIED);
    assertThat(alicesThings()).isEqualTo(before);
  }

  @Test
  void the_keeper_of_one_store_cannot_move_a_mixed_order_along() {
    Map<String, Message> before = alicesThings();
    for (String keeper : List.of("kim", "ken")) {
      assertThat(
              call(
                      "ordering",
                      "ReadyOrder",
                      tokens.user(ids.get(keeper)),
                      ReadyOrderRequest.newBuilder().setId(ids.get("mixedOrder")).build())
                  .status())
          .isEqualTo(GrpcStatus.PERMISSION_DENIED);
      assertThat(
              call(
                      "ordering",
                      "CompleteOrder",
                      tokens.user(ids.get(keeper)),
                      CompleteOrderRequest.newBuilder()
                          .setId(ids.get("mixedOrder"))
                          .setInvoiceId(ids.get("invoice"))
                          .build())
                  .status())
          .isEqualTo(GrpcStatus.PERMISSION_DENIED);
    }
    assertThat(alicesThings()).isEqualTo(before);
  }

  @Test
  void a_shopper_cannot_send_notices_in_the_malls_name() {
    String mallory = tokens.user(ids.get("mallory"));
    assertThat(
            call(
                    "notifications",
                    "NotifyOrderReady",
                    mallory,
                    io.mallbots.notifications.v1.NotifyOrderReadyRequest.newBuilder()
                        .setOrderId(ids.get("mixedOrder"))
                        .setUserId(ids.get("alice"))
                        .build())
                .status())
        .isEqualTo(GrpcStatus.PERMISSION_DENIED);
    assertThat(
            call(
                    "notifications",
                    "NotifyOrderCreated",
                    mallory,
                    io.mallbots.notifications.v1.NotifyOrderCreatedRequest.newBuilder()
                        .setOrderId(ids.get("mixedOrder"))
                        .setUserId(ids.get("alice"))
                        .build())
                .status())
        .isEqualTo(GrpcStatus.PERMISSION_DENIED);
  }

  /** Alice's order, payment, invoice and basket as a service sees them. */
  private Map<String, Message> alicesThings() {
    Map<String, Message> things = new LinkedHashMap<>();
    things.put(
        "order",
        ok(
            call(
                "ordering",
                "GetOrder",
                tokens.service("ordering"),
                io.mallbots.ordering.v1.GetOrderRequest.newBuilder()
                    .setId(ids.get("mixedOrder"))
                    .build()),
            io.mallbots.ordering.v1.GetOrderResponse.parser()));
    things.put(
        "payment",
        ok(
            call(
                "payments",
                "GetPayment",
                tokens.service("payments"),
                GetPaymentRequest.newBuilder().setId(ids.get("payment")).build()),
            io.mallbots.payments.v1.GetPaymentResponse.parser()));
    things.put(
        "invoice",
        ok(
            call(
                "payments",
                "GetInvoice",
                tokens.service("payments"),
                GetInvoiceRequest.newBuilder().setId(ids.get("invoice")).build()),
            io.mallbots.payments.v1.GetInvoiceResponse.parser()));
    things.put(
        "basket",
        ok(
            call(
                "baskets",
                "GetBasket",
                tokens.service("baskets"),
                GetBasketRequest.newBuilder().setId(ids.get("basket")).build()),
            io.mallbots.baskets.v1.GetBasketResponse.parser()));
    return things;
  }

  private String storeOf(String keeper) {
    return ok(
            call(
                "stores",
                "CreateStore",
                tokens.user(ids.get(keeper)),
                CreateStoreRequest.newBuilder()
                    .setName(keeper + "'s parts")
                    .setLocation("Hall 1")
                    .setOwnerId(ids.get(keeper))
                    .build()),
            io.mallbots.stores.v1.CreateStoreResponse.parser())
        .getId();
  }

  private String product(String keeper, String store, double price) {
    return ok(
            call(
                "stores",
                "AddProduct",
                tokens.user(ids.get(keeper)),
                AddProductRequest.newBuilder()
                    .setStoreId(ids.get(store))
                    .setName("Part")
                    .setSku("P-" + UUID.randomUUID())
                    .setPrice(price)
                    .build()),
            io.mallbots.stores.v1.AddProductResponse.parser())
        .getId();
  }

  private String paymentOf(double amount) {
    return ok(
            call(
                "payments",
                "AuthorizePayment",
                tokens.user(ids.get("alice")),
                AuthorizePaymentRequest.newBuilder()
                    .setUserId(ids.get("alice"))
                    .setAmount(amount)
                    .build()),
            io.mallbots.payments.v1.AuthorizePaymentResponse.parser())
        .getId();
  }

  private String basketWith(List<String> products) {
    String alice = tokens.user(ids.get("alice"));
    String basket =
        ok(
                call(
                    "baskets",
                    "StartBasket",
                    alice,
                    StartBasketRequest.newBuilder().setUserId(ids.get("alice")).build()),
                io.mallbots.baskets.v1.StartBasketResponse.parser())
            .getId();
    for (String product : products) {
      ok(
          call(
              "baskets",
              "AddItem",
              alice,
              AddItemRequest.newBuilder()
                  .setId(basket)
                  .setProductId(ids.get(product))
                  .setQuantity(1)
                  .build()),
          io.mallbots.baskets.v1.AddItemResponse.parser());
    }
    return basket;
  }

  /** Alice checks out {@code products} and the saga approves the order; its id. */
  private String checkout(List<String> products, double total) {
    String basket = basketWith(products);
    ok(
        call(
            "baskets",
            "CheckoutBasket",
            tokens.user(ids.get("alice")),
            CheckoutBasketRequest.newBuilder()
                .setId(basket)
                .setPaymentId(paymentOf(total))
                .build()),
        io.mallbots.baskets.v1.CheckoutBasketResponse.parser());
    String[] order = new String[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              var found =
                  ok(
                          call(
                              "search",
                              "SearchOrders",
                              tokens.user(ids.get("alice")),
                              SearchOrdersRequest.newBuilder()
                                  .setFilters(
                                      SearchOrdersRequest.Filters.newBuilder()
                                          .setUserId(ids.get("alice")))
                                  .setLimit(100)
                                  .build()),
                          io.mallbots.search.v1.SearchOrdersResponse.parser())
                      .getOrdersList()
                      .stream()
                      .filter(
                          o ->
                              basket.equals(
                                  ok(
                                          call(
                                              "ordering",
                                              "GetOrder",
                                              tokens.service("ordering"),
                                              io.mallbots.ordering.v1.GetOrderRequest.newBuilder()
                                                  .setId(o.getOrderId())
                                                  .build()),
                                          io.mallbots.ordering.v1.GetOrderResponse.parser())
                                      .getOrder()
                                      .getBasketId()))
                      .findFirst();
              assertThat(found).isPresent();
              var status =
                  ok(
                          call(
                              "ordering",
                              "GetOrder",
                              tokens.service("ordering"),
                              io.mallbots.ordering.v1.GetOrderRequest.newBuilder()
                                  .setId(found.get().getOrderId())
                                  .build()),
                          io.mallbots.ordering.v1.GetOrderResponse.parser())
                      .getOrder()
                      .getStatus();
              assertThat(status).isEqualTo(OrderStatus.ORDER_STATUS_APPROVED);
              order[0] = found.get().getOrderId();
            });
    return order[0];
  }

  private CallsAs.Answer call(String service, String rpc, String token, Message request) {
    return calls.grpc(service, method(service, rpc), request, token);
  }

  /** Calls {@code rpc} as {@code token}'s holder and reads its answer; fails unless OK. */
  private <T extends Message> T ok(CallsAs.Answer answer, com.google.protobuf.Parser<T> parser) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(GrpcStatus.OK);
    try {
      return parser.parseFrom(answer.body());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static MethodDescriptor method(String service, String rpc) {
    return AuthorizationMatrixTest.everyRpc().entrySet().stream()
        .filter(e -> e.getValue().equals(service) && e.getKey().getName().equals(rpc))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no RPC " + service + "/" + rpc));
  }
}
