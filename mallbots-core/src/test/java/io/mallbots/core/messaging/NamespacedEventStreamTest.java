package io.mallbots.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.messaging.memory.MemoryBroker;
import io.mallbots.core.messaging.memory.MemoryEventStream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class NamespacedEventStreamTest {

  @Test
  void runs_in_different_namespaces_share_a_broker_without_seeing_each_other() {
    Vertx vertx = Vertx.vertx();
    MemoryBroker broker = new MemoryBroker();
    EventStream first = new NamespacedEventStream(new MemoryEventStream(vertx, broker), "run-1");
    EventStream second = new NamespacedEventStream(new MemoryEventStream(vertx, broker), "run-2");
    List<Message> firstGot = new CopyOnWriteArrayList<>();
    List<Message> secondGot = new CopyOnWriteArrayList<>();
    first
        .subscribe("mallbots.stores.events.Store", "search-stores", m -> record(firstGot, m))
        .await();
    second
        .subscribe("mallbots.stores.events.Store", "search-stores", m -> record(secondGot, m))
        .await();

    Message published =
        Message.create("mallbots.stores.events.Store", "stores.StoreCreated", "s-1", new byte[0]);
    first.publish(published).await();

    await().until(() -> firstGot.size() == 1);
    assertThat(firstGot.get(0).topic()).isEqualTo("mallbots.stores.events.Store");
    assertThat(firstGot.get(0).id()).isEqualTo(published.id());
    Message marker =
        Message.create("mallbots.stores.events.Store", "stores.StoreCreated", "s-2", new byte[0]);
    second.publish(marker).await();
    await().until(() -> secondGot.size() == 1);
    assertThat(secondGot).extracting(Message::id).containsExactly(marker.id());
    vertx.close().await();
  }

  private static Future<Void> record(List<Message> into, Message message) {
    into.add(message);
    return Future.succeededFuture();
  }
}
