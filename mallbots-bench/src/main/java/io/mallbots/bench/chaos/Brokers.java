package io.mallbots.bench.chaos;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The run's broker, or with {@code --swap-broker} both of them: the one the services use now
 * ({@link #current()}) and the one they move to. Faults aimed at "the broker" go to the current
 * one, so after the swap they hit the broker the services then depend on. Blocking, like {@link
 * ChaosBroker}.
 */
final class Brokers implements ChaosBroker {

  /** The setting that tells a service which broker to read empty before closing it (issue 16). */
  static final String DRAIN_FROM = "EVENT_SERVER_DRAIN_FROM";

  private final Map<String, ChaosBroker> byType = new HashMap<>();
  private volatile String current;
  private volatile String drainFrom;

  private Brokers(String first) {
    this.current = first;
  }

  /**
   * Starts {@code first} and, with {@code both}, the other broker too, each of {@code nodes} nodes.
   */
  static Brokers start(String first, boolean both, Path home, int nodes) throws Exception {
    Brokers brokers = new Brokers(first);
    try {
      brokers.byType.put(first, ChaosBroker.start(first, home, nodes));
      if (both) {
        String second = other(first);
        brokers.byType.put(second, ChaosBroker.start(second, home, nodes));
      }
      return brokers;
    } catch (Exception failed) {
      brokers.close();
      throw failed;
    }
  }

  /** Brokers already started, keyed by type; {@code first} is the one the services use first. */
  static Brokers of(String first, Map<String, ChaosBroker> started) {
    Brokers brokers = new Brokers(first);
    brokers.byType.putAll(started);
    return brokers;
  }

  /** kafka for nats, nats for kafka. */
  static String other(String type) {
    return type.equals("kafka") ? "nats" : "kafka";
  }

  /** The broker the services publish to now. */
  ChaosBroker current() {
    return byType.get(current);
  }

  /** The broker of {@code type}'s own settings (EVENT_SERVER_TYPE and its address). */
  Map<String, String> settingsOf(String type) {
    return byType.get(type).settings();
  }

  String currentType() {
    return current;
  }

  /** The broker the services drain since the swap, or null before it. */
  String drainFrom() {
    return drainFrom;
  }

  /** Whether both brokers run, so the services can move from one to the other. */
  boolean swappable() {
    return byType.size() == 2;
  }

  /**
   * From now on the services publish to the other broker and drain this one: {@link #settings()}
   * says so.
   */
  void swap() {
    if (!swappable()) {
      throw new IllegalStateException("only " + current + " runs: nothing to swap to");
    }
    drainFrom = current;
    current = other(current);
  }

  /**
   * Both brokers' addresses (KAFKA_BROKERS and NATS_URL, with their replication settings), the
   * current one as EVENT_SERVER_TYPE and, after the swap, the old one as EVENT_SERVER_DRAIN_FROM.
   */
  @Override
  public Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>();
    byType.forEach(
        (type, broker) -> {
          if (!type.equals(current)) {
            settings.putAll(broker.settings());
          }
        });
    settings.putAll(current().settings());
    if (drainFrom != null) {
      settings.put(DRAIN_FROM, drainFrom);
    }
    return Map.copyOf(settings);
  }

  /** The settings of a client of the current broker alone (no draining): the run's own streams. */
  Map<String, String> clientSettings() {
    Map<String, String> settings = new HashMap<>(settings());
    settings.remove(DRAIN_FROM);
    return settings;
  }

  @Override
  public void restart() throws Exception {
    current().restart();
  }

  @Override
  public int nodes() {
    return current().nodes();
  }

  @Override
  public void killNode(int node) throws Exception {
    current().killNode(node);
  }

  @Override
  public void startNode(int node) throws Exception {
    current().startNode(node);
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    for (ChaosBroker broker : byType.values()) {
      try {
        broker.close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
