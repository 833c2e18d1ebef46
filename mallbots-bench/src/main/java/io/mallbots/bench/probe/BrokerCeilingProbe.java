package io.mallbots.bench.probe;

import io.mallbots.bench.probe.OrderMessages.Sent;
import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.config.Settings;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.messaging.Subscription;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The broker ceiling: raw publish-to-consume throughput of the system's broker through the core
 * {@link EventStream} adapter, with the messages one order puts on it ({@link OrderMessages}: the
 * same payloads, metadata, topics and fan-out to subscriber groups), no database involved. An order
 * counts when every group has received every one of its messages. Topics and groups live under a
 * fresh {@code EVENT_NAMESPACE}; the subscriptions use the services' options ({@code
 * MESSAGE_MAX_IN_FLIGHT}).
 */
public final class BrokerCeilingProbe {

  private static final Duration UNIT_TIMEOUT = Duration.ofSeconds(20);

  private final Vertx vertx;
  private final Map<String, Remaining> waiting = new HashMap<>();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private EventStream stream;

  private BrokerCeilingProbe(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Runs on the caller's context (the subscriptions deliver there too). */
  public static Future<ProbeResult> run(
      Vertx vertx, CoreSettings system, int concurrency, Duration time) {
    BrokerCeilingProbe probe = new BrokerCeilingProbe(vertx);
    return probe
        .connect(system)
        .compose(v -> RateProbe.run(concurrency, time, probe::order))
        .eventually(probe::close)
        .map(
            rate -> {
              Map<String, Object> details = new LinkedHashMap<>();
              details.put("orders", rate.done());
              details.put("seconds", YardstickProbe.round(rate.seconds()));
              details.put("concurrency", concurrency);
              details.put("messagesPerOrder", OrderMessages.of(0).size());
              details.put("deliveriesPerOrder", OrderMessages.deliveries());
              details.put("meanMessageBytes", OrderMessages.meanBytes());
              details.put(
                  "deliveriesPerSecond", Math.round(rate.perSecond() * OrderMessages.deliveries()));
              return new ProbeResult(
                  "broker ceiling",
                  rate.perSecond(),
                  "orders/s",
                  "each order's "
                      + OrderMessages.of(0).size()
                      + " messages published through the core "
                      + system.eventServer().name().toLowerCase()
                      + " adapter and consumed by their "
                      + OrderMessages.deliveries()
                      + " subscriber groups, "
                      + concurrency
                      + " orders at once",
                  details,
                  rate.errors());
            });
  }

  private Future<Void> connect(CoreSettings system) {
    Map<String, String> settings = new HashMap<>();
    settings.put("EVENT_SERVER_TYPE", system.eventServer().name().toLowerCase());
    settings.put("KAFKA_BROKERS", system.kafkaBrokers());
    settings.put("NATS_URL", system.natsUrl());
    settings.put("NATS_STREAM", system.natsStream());
    settings.put("EVENT_NAMESPACE", "bench-probe-" + UUID.randomUUID().toString().substring(0, 8));
    CoreSettings probe = CoreSettings.from(Settings.of("bench", settings));
    Map<String, String> groupTopics = new LinkedHashMap<>();
    OrderMessages.of(0)
        .forEach(
            sent -> sent.groups().forEach(group -> groupTopics.put(group, sent.message().topic())));
    return EventStreams.connect(vertx, probe)
        .compose(
            connected -> {
              stream = connected;
              return Future.all(
                  groupTopics.entrySet().stream()
                      .map(
                          entry ->
                              stream
                                  .subscribe(
                                      entry.getValue(),
                                      entry.getKey(),
                                      system.subscriptions(),
                                      this::received)
                                  .onSuccess(subscriptions::add))
                      .toList());
            })
        .mapEmpty();
  }

  private Future<Void> order(long n) {
    List<Sent> flow = OrderMessages.of(n);
    String correlation = flow.get(0).message().metadata(Metadata.CORRELATION_ID);
    Remaining remaining = new Remaining(flow.stream().mapToInt(sent -> sent.groups().size()).sum());
    waiting.put(correlation, remaining);
    long timer =
        vertx.setTimer(
            UNIT_TIMEOUT.toMillis(),
            id ->
                remaining.done.tryFail(
                    "deliveries missing after " + UNIT_TIMEOUT.toSeconds() + " s"));
    Future<Void> published =
        Future.all(flow.stream().map(sent -> stream.publish(sent.message())).toList()).mapEmpty();
    return published
        .compose(v -> remaining.done.future())
        .onComplete(
            r -> {
              vertx.cancelTimer(timer);
              waiting.remove(correlation);
            });
  }

  private Future<Void> received(Message message) {
    Remaining remaining = waiting.get(message.metadata(Metadata.CORRELATION_ID));
    if (remaining != null && --remaining.count == 0) {
      remaining.done.tryComplete();
    }
    return Future.succeededFuture();
  }

  private Future<Void> close() {
    return Future.join(subscriptions.stream().map(Subscription::close).toList())
        .eventually(() -> stream == null ? Future.succeededFuture() : stream.close())
        .mapEmpty();
  }

  /** Deliveries of one order still to come. */
  private static final class Remaining {

    private final Promise<Void> done = Promise.promise();
    private int count;

    private Remaining(int count) {
      this.count = count;
    }
  }
}
