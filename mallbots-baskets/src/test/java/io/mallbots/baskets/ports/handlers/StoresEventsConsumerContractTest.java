package io.mallbots.baskets.ports.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.mallbots.baskets.domain.catalog.Product;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.Store;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.baskets.testing.RunningBaskets;
import io.mallbots.core.domain.Money;
import io.mallbots.core.messaging.Message;
import io.mallbots.stores.v1.ProductAdded;
import io.mallbots.stores.v1.ProductPriceChanged;
import io.mallbots.stores.v1.ProductRebranded;
import io.mallbots.stores.v1.ProductRemoved;
import io.mallbots.stores.v1.StoreCreated;
import io.mallbots.stores.v1.StoreRebranded;
import io.mallbots.stores.v1.StoresContract;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What baskets expects of stores' events, pinned: the topics and envelope names it subscribes to,
 * the fields it reads (name, number, type) and that bytes written with those numbers alone, as any
 * stores producer writes them, fill the catalog copy. A change in {@code
 * mallbots/stores/v1/events.proto} that would break baskets (a renamed or renumbered field, an
 * event moved to another topic, a changed type) fails here.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoresEventsConsumerContractTest {

  private static final String PRODUCT_TOPIC = "mallbots.stores.events.Product";
  private static final String STORE_TOPIC = "mallbots.stores.events.Store";

  /** Event -> the fields baskets reads, as name=number:type. */
  private static final Map<Descriptor, List<String>> READ =
      Map.of(
          ProductAdded.getDescriptor(),
              List.of("id=1:STRING", "store_id=2:STRING", "name=3:STRING", "price=6:DOUBLE"),
          ProductRebranded.getDescriptor(), List.of("id=1:STRING", "name=2:STRING"),
          ProductPriceChanged.getDescriptor(), List.of("id=1:STRING", "price=3:DOUBLE"),
          ProductRemoved.getDescriptor(), List.of("id=1:STRING"),
          StoreCreated.getDescriptor(), List.of("id=1:STRING", "name=2:STRING"),
          StoreRebranded.getDescriptor(), List.of("id=1:STRING", "name=2:STRING"));

  private RunningBaskets service;

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningBaskets.start(vertx, "baskets_contract", "memory");
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void baskets_subscribes_to_stores_topics_with_its_own_groups() {
    assertThat(StoresContract.PRODUCT_EVENTS).isEqualTo(PRODUCT_TOPIC);
    assertThat(BasketsEventHandlers.PRODUCT_GROUP).isEqualTo("baskets-products");
    assertThat(StoresContract.STORE_EVENTS).isEqualTo(STORE_TOPIC);
    assertThat(BasketsEventHandlers.STORE_GROUP).isEqualTo("baskets-stores");
  }

  @Test
  void stores_contract_publishes_each_event_baskets_reads_on_the_topic_baskets_listens_to()
      throws IOException {
    String header = headerOf("mallbots/stores/v1/events.proto");

    assertThat(messagesOnTopic(header, PRODUCT_TOPIC))
        .contains("ProductAdded", "ProductRebranded", "ProductPriceChanged", "ProductRemoved");
    assertThat(messagesOnTopic(header, STORE_TOPIC)).contains("StoreCreated", "StoreRebranded");
    assertThat(header).contains("Envelope name = `stores.<Message>`");
  }

  @Test
  void each_field_baskets_reads_keeps_its_name_number_and_type() {
    READ.forEach(
        (event, fields) -> {
          assertThat(event.getFile().getPackage()).isEqualTo("mallbots.stores.v1");
          for (String pinned : fields) {
            String name = pinned.substring(0, pinned.indexOf('='));
            FieldDescriptor field = event.findFieldByName(name);
            assertThat(field).as(event.getName() + "." + name).isNotNull();
            assertThat(name + "=" + field.getNumber() + ":" + field.getType())
                .as(event.getName())
                .isEqualTo(pinned);
            assertThat(field.isRepeated())
                .as(event.getName() + "." + name + " is repeated")
                .isFalse();
          }
        });
  }

  @Test
  void payloads_written_by_field_number_alone_fill_the_catalog_copy() throws IOException {
    String storeId = UUID.randomUUID().toString();
    String productId = UUID.randomUUID().toString();

    service.handled(
        event(
            STORE_TOPIC,
            "stores.StoreCreated",
            storeId,
            fields().text(1, storeId).text(2, "Widgets")));
    service.handled(
        event(
            STORE_TOPIC,
            "stores.StoreRebranded",
            storeId,
            fields().text(1, storeId).text(2, "Gadgets")));
    service.handled(
        event(
            PRODUCT_TOPIC,
            "stores.ProductAdded",
            productId,
            fields()
                .text(1, productId)
                .text(2, storeId)
                .text(3, "Widget")
                .text(4, "ignored description")
                .text(5, "ignored sku")
                .number(6, 2.5)));
    service.handled(
        event(
            PRODUCT_TOPIC,
            "stores.ProductRebranded",
            productId,
            fields().text(1, productId).text(2, "Gizmo")));
    service.handled(
        event(
            PRODUCT_TOPIC,
            "stores.ProductPriceChanged",
            productId,
            fields().text(1, productId).number(2, 1.49).number(3, 3.99)));

    StoreId store = new StoreId(UUID.fromString(storeId));
    ProductId product = new ProductId(UUID.fromString(productId));
    assertThat(service.storeCache().find(store).await()).contains(new Store(store, "Gadgets"));
    assertThat(service.productCache().find(product).await())
        .contains(new Product(product, store, "Gizmo", Money.of("3.99")));

    service.handled(
        event(PRODUCT_TOPIC, "stores.ProductRemoved", productId, fields().text(1, productId)));
    assertThat(service.productCache().removed(product).await()).isTrue();
  }

  private static Message event(String topic, String name, String key, Fields payload)
      throws IOException {
    return Message.create(topic, name, key, payload.bytes());
  }

  private static Fields fields() {
    return new Fields();
  }

  /** A protobuf payload written field by field, without the generated classes. */
  private static final class Fields {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    Fields text(int number, String value) throws IOException {
      out.writeString(number, value);
      return this;
    }

    Fields number(int number, double value) throws IOException {
      out.writeDouble(number, value);
      return this;
    }

    byte[] bytes() throws IOException {
      out.flush();
      return bytes.toByteArray();
    }
  }

  /** The comment lines before {@code syntax}, without the comment markers. */
  private static String headerOf(String resource) throws IOException {
    try (InputStream in =
        StoresEventsConsumerContractTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource + " on the classpath (from the protos jar)").isNotNull();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.substring(0, text.indexOf("syntax")).replaceAll("(?m)^//\\s?", "");
    }
  }

  /**
   * The message names the header lists after {@code `topic`}, up to the next topic or blank line.
   */
  private static List<String> messagesOnTopic(String header, String topic) {
    Matcher listed =
        Pattern.compile("`" + Pattern.quote(topic) + "`([^`]*?)(?=`|\\n\\s*\\n)", Pattern.DOTALL)
            .matcher(header);
    assertThat(listed.find()).as(topic + " in the header").isTrue();
    return List.of(listed.group(1).trim().split("[,\\s]+"));
  }
}
