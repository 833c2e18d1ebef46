package io.mallbots.stores.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.messaging.Message;
import io.mallbots.stores.testing.RunningStores;
import io.mallbots.stores.v1.AddProductRequest;
import io.mallbots.stores.v1.CreateStoreRequest;
import io.mallbots.stores.v1.DecreaseProductPriceRequest;
import io.mallbots.stores.v1.DisableParticipationRequest;
import io.mallbots.stores.v1.EnableParticipationRequest;
import io.mallbots.stores.v1.IncreaseProductPriceRequest;
import io.mallbots.stores.v1.ProductAdded;
import io.mallbots.stores.v1.ProductPriceChanged;
import io.mallbots.stores.v1.ProductRebranded;
import io.mallbots.stores.v1.ProductRemoved;
import io.mallbots.stores.v1.RebrandProductRequest;
import io.mallbots.stores.v1.RebrandStoreRequest;
import io.mallbots.stores.v1.RemoveProductRequest;
import io.mallbots.stores.v1.StoreCreated;
import io.mallbots.stores.v1.StoreParticipationToggled;
import io.mallbots.stores.v1.StoreRebranded;
import io.mallbots.stores.v1.StoresServiceGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stores service's events leave through the outbox and reach the broker with what consumers
 * (baskets, search) need. The same tests run against each broker; a subclass names it.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoresEventsContract {

  private static final String STORE_TOPIC = "mallbots.stores.events.Store";
  private static final String PRODUCT_TOPIC = "mallbots.stores.events.Product";

  private final List<Message> received = new CopyOnWriteArrayList<>();
  private RunningStores service;
  private StoresServiceGrpcClient stores;
  private final Vertx observerVertx = Vertx.vertx();
  private EventStream observer;

  /** memory, kafka or nats. */
  protected abstract String eventServer();

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningStores.start(vertx, "stores_events", eventServer());
    stores = service.grpc();
    // The observer shares the service's broker and event namespace.
    observer = EventStreams.connect(observerVertx, service.settings()).await();
    // A fresh group per run, so a broker that keeps topics between runs replays nothing stale into
    // it.
    String group = "stores-events-test-" + UUID.randomUUID();
    for (String topic : List.of(STORE_TOPIC, PRODUCT_TOPIC)) {
      observer
          .subscribe(
              topic,
              group,
              message -> {
                received.add(message);
                return Future.succeededFuture();
              })
          .await();
    }
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
    observerVertx.close().await();
  }

  @Test
  void every_store_change_is_published_on_the_store_topic_keyed_by_the_store() throws Exception {
    String id =
        stores
            .createStore(
                CreateStoreRequest.newBuilder()
                    .setName("Widgets")
                    .setLocation("Upper floor")
                    .setOwnerId("5f0c7c1e-2b1f-4d7e-9a51-0d6f4c1e0a11")
                    .build())
            .await()
            .getId();
    stores.enableParticipation(EnableParticipationRequest.newBuilder().setId(id).build()).await();
    stores
        .rebrandStore(RebrandStoreRequest.newBuilder().setId(id).setName("Gadgets").build())
        .await();
    stores.disableParticipation(DisableParticipationRequest.newBuilder().setId(id).build()).await();

    List<Message> events = eventsOf(id, 4);

    assertThat(events).extracting(Message::topic).containsOnly(STORE_TOPIC);
    assertThat(events)
        .extracting(Message::name)
        .containsExactly(
            "stores.StoreCreated",
            "stores.StoreParticipationToggled",
            "stores.StoreRebranded",
            "stores.StoreParticipationToggled");
    assertThat(StoreCreated.parseFrom(events.get(0).payload()))
        .isEqualTo(
            StoreCreated.newBuilder()
                .setId(id)
                .setName("Widgets")
                .setLocation("Upper floor")
                .setOwnerId("5f0c7c1e-2b1f-4d7e-9a51-0d6f4c1e0a11")
                .setVersion(1)
                .build());
    assertThat(StoreParticipationToggled.parseFrom(events.get(1).payload()).getParticipating())
        .isTrue();
    assertThat(StoreRebranded.parseFrom(events.get(2).payload()))
        .isEqualTo(StoreRebranded.newBuilder().setId(id).setName("Gadgets").setVersion(3).build());
    assertThat(StoreParticipationToggled.parseFrom(events.get(3).payload()))
        .isEqualTo(
            StoreParticipationToggled.newBuilder()
                .setId(id)
                .setParticipating(false)
                .setVersion(4)
                .build());
  }

  @Test
  void every_product_change_is_published_on_the_product_topic_keyed_by_the_product()
      throws Exception {
    String storeId =
        stores
            .createStore(
                CreateStoreRequest.newBuilder()
                    .setName("Widgets")
                    .setLocation("Upper floor")
                    .build())
            .await()
            .getId();
    String id =
        stores
            .addProduct(
                AddProductRequest.newBuilder()
                    .setStoreId(storeId)
                    .setName("Widget")
                    .setDescription("Blue")
                    .setSku("W-1")
                    .setPrice(10.005)
                    .build())
            .await()
            .getId();
    stores
        .rebrandProduct(
            RebrandProductRequest.newBuilder()
                .setId(id)
                .setName("Gizmo")
                .setDescription("Red")
                .build())
        .await();
    stores
        .increaseProductPrice(
            IncreaseProductPriceRequest.newBuilder().setId(id).setPrice(12.5).build())
        .await();
    stores
        .decreaseProductPrice(
            DecreaseProductPriceRequest.newBuilder().setId(id).setPrice(9.99).build())
        .await();
    stores.removeProduct(RemoveProductRequest.newBuilder().setId(id).build()).await();

    List<Message> events = eventsOf(id, 5);

    assertThat(events).extracting(Message::topic).containsOnly(PRODUCT_TOPIC);
    assertThat(events)
        .extracting(Message::name)
        .containsExactly(
            "stores.ProductAdded",
            "stores.ProductRebranded",
            "stores.ProductPriceChanged",
            "stores.ProductPriceChanged",
            "stores.ProductRemoved");
    assertThat(ProductAdded.parseFrom(events.get(0).payload()))
        .isEqualTo(
            ProductAdded.newBuilder()
                .setId(id)
                .setStoreId(storeId)
                .setName("Widget")
                .setDescription("Blue")
                .setSku("W-1")
                .setPrice(10.00)
                .setVersion(1)
                .build());
    assertThat(ProductRebranded.parseFrom(events.get(1).payload()))
        .isEqualTo(
            ProductRebranded.newBuilder()
                .setId(id)
                .setName("Gizmo")
                .setDescription("Red")
                .setVersion(2)
                .build());
    assertThat(ProductPriceChanged.parseFrom(events.get(2).payload()))
        .isEqualTo(
            ProductPriceChanged.newBuilder()
                .setId(id)
                .setDelta(2.5)
                .setPrice(12.5)
                .setVersion(3)
                .build());
    assertThat(ProductPriceChanged.parseFrom(events.get(3).payload()))
        .isEqualTo(
            ProductPriceChanged.newBuilder()
                .setId(id)
                .setDelta(-2.51)
                .setPrice(9.99)
                .setVersion(4)
                .build());
    assertThat(ProductRemoved.parseFrom(events.get(4).payload()))
        .isEqualTo(ProductRemoved.newBuilder().setId(id).setVersion(5).build());
  }

  @Test
  void a_refused_change_publishes_nothing() {
    String storeId =
        stores
            .createStore(
                CreateStoreRequest.newBuilder()
                    .setName("Widgets")
                    .setLocation("Upper floor")
                    .build())
            .await()
            .getId();
    String id =
        stores
            .addProduct(
                AddProductRequest.newBuilder()
                    .setStoreId(storeId)
                    .setName("Widget")
                    .setSku("W-1")
                    .setPrice(10)
                    .build())
            .await()
            .getId();

    stores
        .increaseProductPrice(
            IncreaseProductPriceRequest.newBuilder().setId(id).setPrice(10).build())
        .otherwiseEmpty()
        .await();
    stores
        .rebrandProduct(RebrandProductRequest.newBuilder().setId(id).setName("Gizmo").build())
        .await();

    // Events of one product arrive in order: once the rebrand is here, a price change would be too.
    assertThat(eventsOf(id, 2))
        .extracting(Message::name)
        .containsExactly("stores.ProductAdded", "stores.ProductRebranded");
  }

  /**
   * The first {@code count} events about {@code aggregateId}, in arrival order, once they are all
   * here.
   */
  private List<Message> eventsOf(String aggregateId, int count) {
    await().atMost(Duration.ofSeconds(30)).until(() -> about(aggregateId).size() >= count);
    return about(aggregateId).subList(0, count);
  }

  private List<Message> about(String aggregateId) {
    return received.stream().filter(m -> m.aggregateId().equals(aggregateId)).toList();
  }
}
