package io.mallbots.bench.chaos;

import io.mallbots.bench.stack.ServiceProcesses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --swap-broker}: the move of a running mall to the other broker, the draining way an
 * operator does it (docs/operations.md). Every service instance is restarted in turn, the gentle
 * way (SIGTERM, then start and wait for readiness), with EVENT_SERVER_TYPE set to the other broker
 * and EVENT_SERVER_DRAIN_FROM to the old one: it publishes only to the new broker and reads its
 * subscriptions on the old one until they are empty. With two instances of a service the other
 * serves while one restarts. The run's own order watcher starts reading the new broker first, so no
 * shopper misses the end of an order. Runs as one of the {@link Faults}, on their thread.
 */
final class BrokerSwap {

  private static final Logger log = LoggerFactory.getLogger(BrokerSwap.class);

  /** Makes the run's own readers follow the services to a broker (the order watcher). */
  interface Follow {
    void to(Map<String, String> brokerSettings) throws Exception;
  }

  private final Brokers brokers;
  private final ServiceProcesses services;
  private final Follow follow;
  private final JsonArray restarts = new JsonArray();
  private volatile String from;
  private volatile String to;
  private volatile long beganMillis;
  private volatile long tookMillis = -1;
  private volatile long moveMillis = -1;
  private volatile long redrainMillis = -1;
  private volatile Long leftOnOldBroker;

  BrokerSwap(Brokers brokers, ServiceProcesses services, Follow follow) {
    this.brokers = brokers;
    this.services = services;
    this.follow = follow;
  }

  /** "kafka -&gt; nats" before and after the swap. */
  String direction() {
    String now = brokers.currentType();
    return from != null ? from + " -> " + to : now + " -> " + Brokers.other(now);
  }

  /**
   * Restarts every instance, one at a time, on the other broker, draining the old one; then once
   * more, to drain what the first pass left behind.
   */
  void swap() throws Exception {
    beganMillis = System.currentTimeMillis();
    from = brokers.currentType();
    to = Brokers.other(from);
    brokers.swap();
    follow.to(brokers.clientSettings());
    services.reconfigure(brokers.settings());
    moveMillis = pass("move");
    redrainMillis = pass("re-drain");
    tookMillis = System.currentTimeMillis() - beganMillis;
  }

  /** Restarts every instance in turn; returns how long that took (ms). */
  private long pass(String pass) throws Exception {
    long passBegan = System.currentTimeMillis();
    for (String instance : services.instances()) {
      long began = System.nanoTime();
      services.restart(instance);
      double seconds = Math.round((System.nanoTime() - began) / 1e7) / 100.0;
      log.info(
          "swap {} ({}): {} restarted on {} in {} s", direction(), pass, instance, to, seconds);
      restarts.add(
          new JsonObject().put("pass", pass).put("instance", instance).put("seconds", seconds));
    }
    return System.currentTimeMillis() - passBegan;
  }

  /**
   * Reads the old broker until no service group has anything unread there, or {@code patience} ends
   * (a drained group's last commit may come a moment after its last message); remembers it.
   */
  void checkOldBroker(Duration patience) throws Exception {
    if (from == null) {
      return;
    }
    long deadline = System.nanoTime() + patience.toNanos();
    long unread = OldBroker.unread(from, brokers.settingsOf(from));
    while (unread > 0 && System.nanoTime() < deadline) {
      TimeUnit.SECONDS.sleep(1); // the next reading of the old broker
      unread = OldBroker.unread(from, brokers.settingsOf(from));
    }
    log.info("swap {}: {} message(s) unread on {}", direction(), unread, from);
    leftOnOldBroker = unread;
  }

  /**
   * What the report says of the swap: from, to, when (seconds into the run), how long both passes
   * of restarts took (and each), each instance's restart, and the messages left unread on the old
   * broker at the end; null when it did not happen.
   */
  JsonObject report(long runStartMillis) {
    if (from == null) {
      return null;
    }
    return new JsonObject()
        .put("from", from)
        .put("to", to)
        .put("drainFrom", Brokers.DRAIN_FROM + "=" + from)
        .put("atSeconds", (beganMillis - runStartMillis) / 1000.0)
        .put("restartSeconds", tookMillis < 0 ? null : tookMillis / 1000.0)
        .put("moveSeconds", moveMillis < 0 ? null : moveMillis / 1000.0)
        .put("redrainSeconds", redrainMillis < 0 ? null : redrainMillis / 1000.0)
        .put("completed", tookMillis >= 0)
        .put("leftOnOldBroker", leftOnOldBroker)
        .put("restarts", restarts.copy());
  }
}
