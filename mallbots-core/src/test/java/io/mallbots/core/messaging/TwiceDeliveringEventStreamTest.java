package io.mallbots.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.messaging.memory.MemoryEventStream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TwiceDeliveringEventStreamTest {

  @Test
  void every_message_reaches_the_handler_twice_in_a_row() {
    Vertx vertx = Vertx.vertx();
    EventStream stream = new TwiceDeliveringEventStream(new MemoryEventStream(vertx));
    List<String> handled = new CopyOnWriteArrayList<>();
    stream
        .subscribe(
            "mallbots.probe.events.Thing",
            "probe",
            m -> {
              handled.add(m.aggregateId());
              return Future.succeededFuture();
            })
        .await();

    stream
        .publish(
            List.of(
                Message.create("mallbots.probe.events.Thing", "probe.Thing", "a", new byte[0]),
                Message.create("mallbots.probe.events.Thing", "probe.Thing", "a", new byte[0])))
        .await();

    await().until(() -> handled.size() == 4);
    assertThat(handled).containsExactly("a", "a", "a", "a");
    vertx.close().await();
  }
}
