package io.mallbots.app.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.And;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.mallbots.app.e2e.RunningMall;
import io.mallbots.baskets.v1.AddItemRequest;
import io.mallbots.baskets.v1.Basket;
import io.mallbots.baskets.v1.BasketServiceGrpcClient;
import io.mallbots.baskets.v1.BasketStatus;
import io.mallbots.baskets.v1.CheckoutBasketRequest;
import io.mallbots.baskets.v1.GetBasketRequest;
import io.mallbots.baskets.v1.StartBasketRequest;
import io.mallbots.ordering.v1.GetOrderRequest;
import io.mallbots.ordering.v1.Order;
import io.mallbots.ordering.v1.OrderingServiceGrpcClient;
import io.mallbots.ordering.v1.ReadyOrderRequest;
import io.mallbots.payments.v1.AuthorizePaymentRequest;
import io.mallbots.payments.v1.GetInvoiceRequest;
import io.mallbots.payments.v1.GetPaymentRequest;
import io.mallbots.payments.v1.Invoice;
import io.mallbots.payments.v1.InvoiceStatus;
import io.mallbots.payments.v1.PayInvoiceRequest;
import io.mallbots.payments.v1.Payment;
import io.mallbots.payments.v1.PaymentStatus;
import io.mallbots.payments.v1.PaymentsServiceGrpcClient;
import io.mallbots.search.v1.SearchOrdersRequest;
import io.mallbots.search.v1.SearchServiceGrpcClient;
import io.mallbots.stores.v1.AddProductRequest;
import io.mallbots.stores.v1.CreateStoreRequest;
import io.mallbots.stores.v1.StoresServiceGrpcClient;
import io.mallbots.users.v1.DisableUserRequest;
import io.mallbots.users.v1.RegisterUserRequest;
import io.mallbots.users.v1.UserServiceGrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The shopper's and the store's side of the shopping features, spoken over the services' real gRPC
 * APIs. One instance per scenario; each scenario creates its own store, products and shopper.
 */
public class ShoppingSteps {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final RunningMall mall = RunningMall.current();
  private final UserServiceGrpcClient users =
      UserServiceGrpcClient.create(mall.grpc(), mall.address("users"));
  private final StoresServiceGrpcClient stores =
      StoresServiceGrpcClient.create(mall.grpc(), mall.address("stores"));
  private final PaymentsServiceGrpcClient payments =
      PaymentsServiceGrpcClient.create(mall.grpc(), mall.address("payments"));
  private final BasketServiceGrpcClient baskets =
      BasketServiceGrpcClient.create(mall.grpc(), mall.address("baskets"));
  private final OrderingServiceGrpcClient ordering =
      OrderingServiceGrpcClient.create(mall.grpc(), mall.address("ordering"));
  private final SearchServiceGrpcClient search =
      SearchServiceGrpcClient.create(mall.grpc(), mall.address("search"));

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, String> storeIds = new HashMap<>();
  private final Map<String, String> productIds = new HashMap<>();
  private final Map<String, String> userIds = new HashMap<>();
  private String shopper;
  private String basketId;
  private String paymentId;
  private String orderId;
  private List<io.mallbots.search.v1.Order> found;
  private long checkedOutAt;

  @Given("a store {string} in {string} that sells")
  public void aStoreThatSells(String name, String location, DataTable products) {
    String storeId =
        stores
            .createStore(
                CreateStoreRequest.newBuilder().setName(name).setLocation(location).build())
            .await()
            .getId();
    storeIds.put(name, storeId);
    for (Map<String, String> product : products.asMaps()) {
      String productId =
          stores
              .addProduct(
                  AddProductRequest.newBuilder()
                      .setStoreId(storeId)
                      .setName(product.get("product"))
                      .setSku(product.get("sku") + "-" + run)
                      .setPrice(Double.parseDouble(product.get("price")))
                      .build())
              .await()
              .getId();
      productIds.put(product.get("product"), productId);
    }
  }

  @And("a registered shopper {string}")
  public void aRegisteredShopper(String name) {
    String username = name + "-" + run;
    String id =
        users
            .registerUser(
                RegisterUserRequest.newBuilder()
                    .setUsername(username)
                    .setPassword("correct horse battery")
                    .setEmail(username + "@example.com")
                    .build())
            .await()
            .getId();
    userIds.put(name, id);
    shopper = name;
  }

  @When("{string} starts a basket")
  @Given("{string} has started a basket")
  public void startsABasket(String name) {
    shopper = name;
    basketId =
        baskets
            .startBasket(StartBasketRequest.newBuilder().setUserId(userIds.get(name)).build())
            .await()
            .getId();
  }

  @Then("the basket is open and empty")
  public void theBasketIsOpenAndEmpty() {
    Basket basket = basket();
    assertThat(basket.getStatus()).isEqualTo(BasketStatus.BASKET_STATUS_OPEN);
    assertThat(basket.getItemsList()).isEmpty();
  }

  @When("she adds {int} {string}")
  @And("she has added {int} {string}")
  public void sheAdds(int quantity, String product) {
    baskets
        .addItem(
            AddItemRequest.newBuilder()
                .setId(basketId)
                .setProductId(productIds.get(product))
                .setQuantity(quantity)
                .build())
        .await();
  }

  @Then("the basket holds {int} {string} at {double} from {string}")
  public void theBasketHolds(int quantity, String product, double price, String store) {
    assertThat(basket().getItemsList())
        .anySatisfy(
            item -> {
              assertThat(item.getProductName()).isEqualTo(product);
              assertThat(item.getQuantity()).isEqualTo(quantity);
              assertThat(item.getProductPrice()).isEqualTo(price);
              assertThat(item.getStoreName()).isEqualTo(store);
              assertThat(item.getStoreId()).isEqualTo(storeIds.get(store));
            });
  }

  @And("she has authorized a payment of {double}")
  public void sheHasAuthorizedAPaymentOf(double amount) {
    paymentId =
        payments
            .authorizePayment(
                AuthorizePaymentRequest.newBuilder()
                    .setUserId(userIds.get(shopper))
                    .setAmount(amount)
                    .build())
            .await()
            .getId();
  }

  @When("she checks out with that payment")
  public void sheChecksOut() {
    checkedOutAt = System.nanoTime();
    baskets
        .checkoutBasket(
            CheckoutBasketRequest.newBuilder().setId(basketId).setPaymentId(paymentId).build())
        .await();
  }

  @Then("the basket is checked out")
  public void theBasketIsCheckedOut() {
    assertThat(basket().getStatus()).isEqualTo(BasketStatus.BASKET_STATUS_CHECKED_OUT);
  }

  @And("an order for {string} totalling {double} is created")
  public void anOrderIsCreated(String name, double total) {
    Order order = order();
    assertThat(order.getUserId()).isEqualTo(userIds.get(name));
    assertThat(order.getTotal()).isEqualTo(total);
    assertThat(order.getBasketId()).isEqualTo(basketId);
    assertThat(order.getId()).isNotEqualTo(basketId);
  }

  @Then("her order becomes {string}")
  public void herOrderBecomes(String status) {
    String expected = "ORDER_STATUS_" + status;
    await()
        .atMost(PATIENCE)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .untilAsserted(() -> assertThat(order().getStatus().name()).isEqualTo(expected));
    if (checkedOutAt != 0 && (status.equals("APPROVED") || status.equals("REJECTED"))) {
      // The figure the shopping-flow issue asks for; polling every 5 ms bounds its error.
      System.out.printf(
          "[e2e] %s: checkout to %s in %d ms%n",
          mall.broker(), status, Duration.ofNanos(System.nanoTime() - checkedOutAt).toMillis());
      checkedOutAt = 0;
    }
  }

  @And("the payment is confirmed for {double}")
  public void thePaymentIsConfirmedFor(double amount) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Payment payment = payment();
              assertThat(payment.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_CONFIRMED);
              assertThat(payment.getConfirmedAmount()).isEqualTo(amount);
              assertThat(payment.getOrderId()).isEqualTo(orderId);
            });
  }

  @And("the payment is not confirmed")
  public void thePaymentIsNotConfirmed() {
    assertThat(payment().getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
  }

  @And("{string} is disabled")
  public void isDisabled(String name) {
    users.disableUser(DisableUserRequest.newBuilder().setId(userIds.get(name)).build()).await();
  }

  @And("{string} was told her order was created")
  public void wasToldHerOrderWasCreated(String name) {
    toldAbout(name, "CREATED");
  }

  @And("{string} was told her order is ready")
  public void wasToldHerOrderIsReady(String name) {
    toldAbout(name, "READY");
  }

  @Given("{string} has an approved order for {int} {string}")
  public void hasAnApprovedOrderFor(String name, int quantity, String product) {
    startsABasket(name);
    sheAdds(quantity, product);
    sheHasAuthorizedAPaymentOf(
        basket().getItemsList().stream()
            .mapToDouble(item -> item.getProductPrice() * item.getQuantity())
            .sum());
    sheChecksOut();
    herOrderBecomes("APPROVED");
  }

  @When("the store readies the order")
  public void theStoreReadiesTheOrder() {
    ordering.readyOrder(ReadyOrderRequest.newBuilder().setId(orderId).build()).await();
  }

  @And("an invoice of {double} is waiting for the order")
  public void anInvoiceIsWaiting(double amount) {
    // Payments creates the invoice when OrderReadied reaches it: until then GetInvoice answers
    // NOT_FOUND.
    await()
        .atMost(PATIENCE)
        .ignoreExceptionsMatching(ShoppingSteps::notFound)
        .untilAsserted(
            () -> {
              Invoice invoice = invoice();
              assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.INVOICE_STATUS_PENDING);
              assertThat(invoice.getAmount()).isEqualTo(amount);
            });
  }

  @When("the invoice is paid")
  public void theInvoiceIsPaid() {
    payments.payInvoice(PayInvoiceRequest.newBuilder().setId(invoice().getId()).build()).await();
  }

  @When("she searches her orders")
  public void sheSearchesHerOrders() {
    found = searchByShopper();
  }

  @Then("she finds the order as {string} with {string} from {string} and her name")
  public void sheFindsTheOrder(String status, String product, String store) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              found = searchByShopper(); // search follows the events: give it the time they take
              assertThat(found)
                  .singleElement()
                  .satisfies(
                      order -> {
                        assertThat(order.getOrderId()).isEqualTo(orderId);
                        assertThat(order.getStatus().name()).isEqualTo("ORDER_STATUS_" + status);
                        assertThat(order.getUserName()).isEqualTo(shopper + "-" + run);
                        assertThat(order.getItemsList())
                            .singleElement()
                            .satisfies(
                                item -> {
                                  assertThat(item.getProductName()).isEqualTo(product);
                                  assertThat(item.getStoreName()).isEqualTo(store);
                                });
                      });
            });
  }

  private void toldAbout(String name, String kind) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                !mall.query(
                        "notifications",
                        "SELECT 1 FROM notifications WHERE order_id = $1 AND user_id = $2 AND kind = $3",
                        orderId(),
                        userIds.get(name),
                        kind)
                    .isEmpty());
  }

  private Basket basket() {
    return baskets
        .getBasket(GetBasketRequest.newBuilder().setId(basketId).build())
        .await()
        .getBasket();
  }

  private Payment payment() {
    return payments
        .getPayment(GetPaymentRequest.newBuilder().setId(paymentId).build())
        .await()
        .getPayment();
  }

  private static boolean notFound(Throwable failure) {
    return failure instanceof InvalidStatusException status
        && status.actualStatus() == GrpcStatus.NOT_FOUND;
  }

  private Invoice invoice() {
    return payments
        .getInvoice(GetInvoiceRequest.newBuilder().setOrderId(orderId).build())
        .await()
        .getInvoice();
  }

  private Order order() {
    return ordering
        .getOrder(GetOrderRequest.newBuilder().setId(orderId()).build())
        .await()
        .getOrder();
  }

  /** The shopper's order, as search first lists it (each scenario's shopper has one order). */
  private String orderId() {
    if (orderId == null) {
      await()
          .atMost(PATIENCE)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(5))
          .until(() -> !searchByShopper().isEmpty());
      orderId = searchByShopper().get(0).getOrderId();
    }
    return orderId;
  }

  private List<io.mallbots.search.v1.Order> searchByShopper() {
    return search
        .searchOrders(
            SearchOrdersRequest.newBuilder()
                .setFilters(
                    SearchOrdersRequest.Filters.newBuilder().setUserId(userIds.get(shopper)))
                .build())
        .await()
        .getOrdersList();
  }
}
