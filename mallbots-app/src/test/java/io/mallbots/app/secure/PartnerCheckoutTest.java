package io.mallbots.app.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mallbots.app.e2e.RunningMall;
import io.mallbots.baskets.v1.AddItemRequest;
import io.mallbots.baskets.v1.BasketServiceGrpcClient;
import io.mallbots.baskets.v1.BasketStatus;
import io.mallbots.baskets.v1.CancelBasketRequest;
import io.mallbots.baskets.v1.CheckoutBasketRequest;
import io.mallbots.baskets.v1.GetBasketRequest;
import io.mallbots.baskets.v1.StartBasketRequest;
import io.mallbots.core.config.ClientTls;
import io.mallbots.core.rpc.BearerGrpcClient;
import io.mallbots.core.rpc.RpcClients;
import io.mallbots.core.testing.TestCertificates;
import io.mallbots.ordering.v1.CancelOrderRequest;
import io.mallbots.ordering.v1.GetOrderRequest;
import io.mallbots.ordering.v1.OrderStatus;
import io.mallbots.ordering.v1.OrderingServiceGrpcClient;
import io.mallbots.ordering.v1.ReadyOrderRequest;
import io.mallbots.payments.v1.AuthorizePaymentRequest;
import io.mallbots.payments.v1.GetPaymentRequest;
import io.mallbots.payments.v1.PaymentsServiceGrpcClient;
import io.mallbots.search.v1.SearchOrdersRequest;
import io.mallbots.search.v1.SearchServiceGrpcClient;
import io.mallbots.stores.v1.AddProductRequest;
import io.mallbots.stores.v1.CreateStoreRequest;
import io.mallbots.stores.v1.RemoveProductRequest;
import io.mallbots.stores.v1.StoresServiceGrpcClient;
import io.mallbots.users.v1.DisableUserRequest;
import io.mallbots.users.v1.EnableUserRequest;
import io.mallbots.users.v1.GetUserRequest;
import io.mallbots.users.v1.LoginRequest;
import io.mallbots.users.v1.RegisterUserRequest;
import io.mallbots.users.v1.UserServiceGrpcClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The mall as compose and Kubernetes run it: gRPC and the JSON bridge over TLS with client
 * certificates required (mTLS), and access tokens required on every RPC but registering and logging
 * in. A partner shop with a certificate the mall's authority signed and a token from Login
 * completes a checkout; without the certificate or without the token it is refused. The services
 * call each other over mTLS with their own tokens.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerCheckoutTest {

  private final TestCertificates certificates = TestCertificates.generate();
  private RunningMall mall;

  @BeforeAll
  void start(Vertx vertx) {
    String services = certificates.services().certificate().toString();
    String servicesKey = certificates.services().key().toString();
    String authority = certificates.authority().toString();
    mall =
        RunningMall.open(
            vertx,
            "nats",
            Map.ofEntries(
                Map.entry("GRPC_SERVER_TLS_ENABLED", "true"),
                Map.entry("GRPC_SERVER_CERT_FILE", services),
                Map.entry("GRPC_SERVER_KEY_FILE", servicesKey),
                Map.entry("GRPC_SERVER_CA_FILE", authority),
                Map.entry("GRPC_SERVER_CLIENT_AUTH_TYPE", "require"),
                Map.entry("GRPC_CLIENT_TLS_ENABLED", "true"),
                Map.entry("GRPC_CLIENT_CA_FILE", authority),
                Map.entry("GRPC_CLIENT_CERT_FILE", services),
                Map.entry("GRPC_CLIENT_KEY_FILE", servicesKey),
                Map.entry("AUTH_REQUIRED", "true")));
  }

  @AfterAll
  void stop() {
    if (mall != null) {
      mall.close();
    }
  }

  private GrpcClient client(TestCertificates.Pair certificate) {
    return RpcClients.client(
        mall.vertx(),
        10_000,
        new ClientTls(
            true,
            certificates.authority().toString(),
            certificate == null ? null : certificate.certificate().toString(),
            certificate == null ? null : certificate.key().toString()));
  }

  @Test
  void a_partner_with_a_signed_certificate_and_a_token_completes_a_checkout() {
    GrpcClient tls = client(certificates.partner());
    Shopper owner = Shopper.register(tls, mall); // registering and logging in need no token
    String userId = owner.id();
    GrpcClient partner = owner.client();
    var stores = StoresServiceGrpcClient.create(partner, mall.address("stores"));
    var payments = PaymentsServiceGrpcClient.create(partner, mall.address("payments"));
    var baskets = BasketServiceGrpcClient.create(partner, mall.address("baskets"));
    var search = SearchServiceGrpcClient.create(partner, mall.address("search"));
    var ordering = OrderingServiceGrpcClient.create(partner, mall.address("ordering"));

    String storeId =
        stores
            .createStore(
                CreateStoreRequest.newBuilder()
                    .setName("Partner Parts")
                    .setLocation("Dock 3")
                    .build())
            .await()
            .getId();
    String productId =
        stores
            .addProduct(
                AddProductRequest.newBuilder()
                    .setStoreId(storeId)
                    .setName("Widget")
                    .setSku("W-" + userId)
                    .setPrice(7.25)
                    .build())
            .await()
            .getId();
    String paymentId =
        payments
            .authorizePayment(
                AuthorizePaymentRequest.newBuilder().setUserId(userId).setAmount(14.50).build())
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
    baskets
        .checkoutBasket(
            CheckoutBasketRequest.newBuilder().setId(basketId).setPaymentId(paymentId).build())
        .await();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              var found =
                  search
                      .searchOrders(
                          SearchOrdersRequest.newBuilder()
                              .setFilters(
                                  SearchOrdersRequest.Filters.newBuilder().setUserId(userId))
                              .build())
                      .await()
                      .getOrdersList();
              assertThat(found).hasSize(1);
              var order =
                  ordering
                      .getOrder(
                          GetOrderRequest.newBuilder().setId(found.get(0).getOrderId()).build())
                      .await()
                      .getOrder();
              assertThat(order.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_APPROVED);
            });

    // Only the owner of a store in the order makes it ready; the partner owns the store it sold
    // from.
    String orderId =
        search
            .searchOrders(
                SearchOrdersRequest.newBuilder()
                    .setFilters(SearchOrdersRequest.Filters.newBuilder().setUserId(userId))
                    .build())
            .await()
            .getOrders(0)
            .getOrderId();
    var strangersOrdering =
        OrderingServiceGrpcClient.create(
            Shopper.register(tls, mall).client(), mall.address("ordering"));
    assertDenied(
        () ->
            strangersOrdering
                .readyOrder(ReadyOrderRequest.newBuilder().setId(orderId).build())
                .await());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                ordering.readyOrder(ReadyOrderRequest.newBuilder().setId(orderId).build()).await());
    assertThat(
            ordering
                .getOrder(GetOrderRequest.newBuilder().setId(orderId).build())
                .await()
                .getOrder()
                .getStatus())
        .isEqualTo(OrderStatus.ORDER_STATUS_READY);
  }

  @Test
  void a_shopper_acts_only_on_their_own_baskets_and_orders() {
    GrpcClient tls = client(certificates.partner());
    Shopper alice = Shopper.register(tls, mall);
    Shopper mallory = Shopper.register(tls, mall);
    var alicesBaskets = BasketServiceGrpcClient.create(alice.client(), mall.address("baskets"));
    var mallorysBaskets = BasketServiceGrpcClient.create(mallory.client(), mall.address("baskets"));
    var mallorysOrders =
        OrderingServiceGrpcClient.create(mallory.client(), mall.address("ordering"));
    String basketId =
        alicesBaskets
            .startBasket(StartBasketRequest.newBuilder().setUserId(alice.id()).build())
            .await()
            .getId();

    assertDenied(
        () ->
            mallorysBaskets
                .getBasket(GetBasketRequest.newBuilder().setId(basketId).build())
                .await());
    assertDenied(
        () ->
            mallorysBaskets
                .cancelBasket(CancelBasketRequest.newBuilder().setId(basketId).build())
                .await());
    assertDenied(
        () ->
            mallorysBaskets
                .startBasket(StartBasketRequest.newBuilder().setUserId(alice.id()).build())
                .await());
    assertDenied(
        () ->
            mallorysOrders
                .cancelOrder(
                    CancelOrderRequest.newBuilder().setId(UUID.randomUUID().toString()).build())
                .await(),
        GrpcStatus.NOT_FOUND);
    assertThat(
            alicesBaskets
                .getBasket(GetBasketRequest.newBuilder().setId(basketId).build())
                .await()
                .getBasket()
                .getStatus())
        .isEqualTo(BasketStatus.BASKET_STATUS_OPEN);

    var alicesPayments = PaymentsServiceGrpcClient.create(alice.client(), mall.address("payments"));
    var mallorysPayments =
        PaymentsServiceGrpcClient.create(mallory.client(), mall.address("payments"));
    String paymentId =
        alicesPayments
            .authorizePayment(
                AuthorizePaymentRequest.newBuilder().setUserId(alice.id()).setAmount(5).build())
            .await()
            .getId();
    assertDenied(
        () ->
            mallorysPayments
                .authorizePayment(
                    AuthorizePaymentRequest.newBuilder().setUserId(alice.id()).setAmount(5).build())
                .await());
    assertDenied(
        () ->
            mallorysPayments
                .getPayment(GetPaymentRequest.newBuilder().setId(paymentId).build())
                .await());

    var mallorysUsers = UserServiceGrpcClient.create(mallory.client(), mall.address("users"));
    assertDenied(
        () -> mallorysUsers.getUser(GetUserRequest.newBuilder().setId(alice.id()).build()).await());
    assertDenied(
        () ->
            mallorysUsers
                .disableUser(DisableUserRequest.newBuilder().setId(alice.id()).build())
                .await());
    assertDenied(
        () ->
            mallorysUsers
                .enableUser(EnableUserRequest.newBuilder().setId(mallory.id()).build())
                .await());
    assertThat(
            mallorysUsers
                .getUser(GetUserRequest.newBuilder().setId(mallory.id()).build())
                .await()
                .getUser()
                .getId())
        .isEqualTo(mallory.id());

    var alicesStores = StoresServiceGrpcClient.create(alice.client(), mall.address("stores"));
    var mallorysStores = StoresServiceGrpcClient.create(mallory.client(), mall.address("stores"));
    String storeId =
        alicesStores
            .createStore(
                CreateStoreRequest.newBuilder().setName("Alice's").setLocation("Hall 2").build())
            .await()
            .getId();
    String productId =
        alicesStores
            .addProduct(
                AddProductRequest.newBuilder()
                    .setStoreId(storeId)
                    .setName("Kite")
                    .setSku("K-" + storeId)
                    .setPrice(3)
                    .build())
            .await()
            .getId();
    assertDenied(
        () ->
            mallorysStores
                .addProduct(
                    AddProductRequest.newBuilder()
                        .setStoreId(storeId)
                        .setName("Fake")
                        .setSku("F-" + storeId)
                        .setPrice(1)
                        .build())
                .await());
    assertDenied(
        () ->
            mallorysStores
                .removeProduct(RemoveProductRequest.newBuilder().setId(productId).build())
                .await());
    assertDenied(
        () ->
            mallorysStores
                .createStore(
                    CreateStoreRequest.newBuilder()
                        .setName("Alice's too")
                        .setLocation("Hall 3")
                        .setOwnerId(alice.id())
                        .build())
                .await());

    var mallorysSearch = SearchServiceGrpcClient.create(mallory.client(), mall.address("search"));
    assertDenied(
        () ->
            mallorysSearch
                .searchOrders(
                    SearchOrdersRequest.newBuilder()
                        .setFilters(SearchOrdersRequest.Filters.newBuilder().setUserId(alice.id()))
                        .build())
                .await());
    assertDenied(
        () -> mallorysSearch.searchOrders(SearchOrdersRequest.getDefaultInstance()).await());
    assertThat(
            mallorysSearch
                .searchOrders(
                    SearchOrdersRequest.newBuilder()
                        .setFilters(
                            SearchOrdersRequest.Filters.newBuilder().setUserId(mallory.id()))
                        .build())
                .await()
                .getOrdersList())
        .isEmpty();
  }

  private static void assertDenied(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertDenied(call, GrpcStatus.PERMISSION_DENIED);
  }

  private static void assertDenied(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, GrpcStatus status) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidStatusException.class,
            refused -> assertThat(refused.actualStatus()).isEqualTo(status));
  }

  /** A registered, logged-in shopper and a client that carries their token. */
  private record Shopper(String id, GrpcClient client) {

    static Shopper register(GrpcClient tls, RunningMall mall) {
      var users = UserServiceGrpcClient.create(tls, mall.address("users"));
      String name = "shopper-" + UUID.randomUUID().toString().substring(0, 8);
      String id =
          users
              .registerUser(
                  RegisterUserRequest.newBuilder()
                      .setUsername(name)
                      .setPassword("correct horse battery")
                      .setEmail(name + "@example.com")
                      .build())
              .await()
              .getId();
      String token =
          users
              .login(
                  LoginRequest.newBuilder()
                      .setUsername(name)
                      .setPassword("correct horse battery")
                      .build())
              .await()
              .getAccessToken();
      return new Shopper(id, new BearerGrpcClient(tls, () -> token));
    }
  }

  @Test
  void a_partner_without_a_token_is_refused_over_grpc_and_json() {
    var stores =
        StoresServiceGrpcClient.create(client(certificates.partner()), mall.address("stores"));
    assertThatThrownBy(
            () ->
                stores
                    .createStore(
                        CreateStoreRequest.newBuilder()
                            .setName("Sneaky")
                            .setLocation("Roof")
                            .build())
                    .await())
        .isInstanceOfSatisfying(
            InvalidStatusException.class,
            refused -> assertThat(refused.actualStatus()).isEqualTo(GrpcStatus.UNAUTHENTICATED));
    var forged =
        new BearerGrpcClient(client(certificates.partner()), () -> "eyJhbGciOiJub25lIn0.e30.");
    assertThatThrownBy(
            () ->
                StoresServiceGrpcClient.create(forged, mall.address("stores"))
                    .createStore(
                        CreateStoreRequest.newBuilder()
                            .setName("Sneaky")
                            .setLocation("Roof")
                            .build())
                    .await())
        .isInstanceOfSatisfying(
            InvalidStatusException.class,
            refused -> assertThat(refused.actualStatus()).isEqualTo(GrpcStatus.UNAUTHENTICATED));

    WebClient https =
        WebClient.create(
            mall.vertx(),
            new WebClientOptions()
                .setSsl(true)
                .setVerifyHost(true)
                .setTrustOptions(
                    new PemTrustOptions().addCertPath(certificates.authority().toString()))
                .setKeyCertOptions(
                    new PemKeyCertOptions()
                        .setCertPath(certificates.partner().certificate().toString())
                        .setKeyPath(certificates.partner().key().toString())));
    HttpResponse<Buffer> response =
        https
            .post(mall.httpPort("stores"), "127.0.0.1", "/v1/api/stores/CreateStore")
            .sendJson(Map.of("name", "Sneaky", "location", "Roof"))
            .await();
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void a_caller_without_a_certificate_or_with_a_strangers_is_refused_before_any_rpc() {
    for (TestCertificates.Pair certificate :
        new TestCertificates.Pair[] {null, certificates.stranger()}) {
      var users = UserServiceGrpcClient.create(client(certificate), mall.address("users"));
      assertThatThrownBy(
              () ->
                  users
                      .registerUser(
                          RegisterUserRequest.newBuilder()
                              .setUsername("intruder")
                              .setPassword("correct horse battery")
                              .setEmail("intruder@example.com")
                              .build())
                      .await())
          .isNotInstanceOf(InvalidStatusException.class);
    }
  }

  @Test
  void
      probes_and_metrics_answer_on_the_plain_management_port_while_the_api_ports_require_client_certificates() {
    WebClient plain = WebClient.create(mall.vertx());
    for (String service :
        new String[] {
          "users", "stores", "payments", "notifications", "search", "ordering", "baskets"
        }) {
      int port = mall.managementPort(service);
      assertThat(plain.get(port, "127.0.0.1", "/readiness").send().await().statusCode())
          .as(service)
          .isEqualTo(200);
      assertThat(plain.get(port, "127.0.0.1", "/liveness").send().await().statusCode())
          .as(service)
          .isEqualTo(200);
      assertThat(plain.get(port, "127.0.0.1", "/metrics").send().await().bodyAsString())
          .as(service)
          .contains("mallbots_rpc_seconds");
    }
    assertThatThrownBy(
            () -> plain.get(mall.httpPort("users"), "127.0.0.1", "/openapi.json").send().await())
        .as("the API port speaks only TLS with a client certificate")
        .isNotNull();
  }
}
