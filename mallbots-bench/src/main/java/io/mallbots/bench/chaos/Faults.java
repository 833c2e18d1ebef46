package io.mallbots.bench.chaos;

import io.mallbots.bench.stack.ServiceProcesses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault schedule, run on a thread of its own while the shoppers shop: every {@code killEvery} a
 * random service instance is killed with SIGKILL and started again (with several instances of its
 * service, the others keep serving meanwhile); with several instances, once (at 45 %) every
 * instance of one service is killed and then all started again; once (at 30 % of the run) the
 * broker is restarted, or with a broker cluster one node is killed with SIGKILL and started again
 * (the others keep going); once (at 60 %) one service's line to PostgreSQL is cut for {@code
 * cutFor}; once (at 80 %) two faults overlap: a service is killed, the broker restarted while it is
 * down, and only then the service started again, so it comes back to a broker that lost its
 * connections and a consumer group that lost a member. The other faults run one after another, so
 * that each one's effect stays readable in the books. With a {@link BrokerSwap} (at 50 %), every
 * service instance is restarted in turn on the other broker; broker faults after it hit the broker
 * the services then use. Every fault is logged with when it began and how long recovery took.
 */
final class Faults implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Faults.class);

  /** A fault the schedule can inject. */
  interface Fault {
    void inject() throws Exception;
  }

  /**
   * A fault due at {@code atMillis}; its target is named when it hits (the broker may have moved).
   */
  private record Planned(long atMillis, String kind, Supplier<String> target, Fault fault) {}

  private final List<Planned> plan = new ArrayList<>();
  private final List<JsonObject> done = new ArrayList<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Thread thread = new Thread(this::run, "chaos-faults");
  private volatile Throwable failure;
  private volatile long recoveredNanos;
  private long startMillis;
  private int kills;
  private int serviceRestarts;
  private int brokerRestarts;
  private int brokerNodeKills;
  private int databaseCuts;
  private int brokerSwaps;

  /** Plans the run's faults over {@code duration}. */
  Faults(
      Duration duration,
      Duration killEvery,
      Duration cutFor,
      ServiceProcesses services,
      ChaosBroker broker,
      DatabaseCut cut,
      BrokerSwap swap,
      long seed) {
    Random random = new Random(seed);
    List<String> names = services.instances();
    for (long at = killEvery.toMillis(); at < duration.toMillis(); at += killEvery.toMillis()) {
      String victim = names.get(random.nextInt(names.size()));
      plan.add(
          new Planned(
              at,
              "kill -9",
              () -> victim,
              () -> {
                services.kill(victim);
                kills++;
                services.start(victim);
                serviceRestarts++;
              }));
    }
    List<String> several =
        services.names().stream()
            .filter(service -> services.instancesOf(service).size() > 1)
            .toList();
    if (!several.isEmpty()) {
      String service = several.get(random.nextInt(several.size()));
      plan.add(
          new Planned(
              duration.toMillis() * 45 / 100,
              "kill -9 every instance",
              () -> service,
              () -> {
                for (String instance : services.instancesOf(service)) {
                  services.kill(instance);
                  kills++;
                }
                services.startTogether(services.instancesOf(service));
                serviceRestarts += services.instancesOf(service).size();
              }));
    }
    if (broker.nodes() > 1) {
      int node = random.nextInt(broker.nodes());
      plan.add(
          new Planned(
              duration.toMillis() * 3 / 10,
              "kill -9 broker node",
              () ->
                  broker.settings().get("EVENT_SERVER_TYPE")
                      + " node "
                      + (node + 1)
                      + "/"
                      + broker.nodes(),
              () -> {
                broker.killNode(node);
                brokerNodeKills++;
                broker.startNode(node);
              }));
    } else {
      plan.add(
          new Planned(
              duration.toMillis() * 3 / 10,
              "broker restart",
              () -> broker.settings().get("EVENT_SERVER_TYPE"),
              () -> {
                broker.restart();
                brokerRestarts++;
              }));
    }
    plan.add(
        new Planned(
            duration.toMillis() * 6 / 10,
            "database cut",
            cut::service,
            () -> {
              cut.cut(cutFor);
              databaseCuts++;
            }));
    String downDuringRestart = names.get(random.nextInt(names.size()));
    plan.add(
        new Planned(
            duration.toMillis() * 8 / 10,
            "kill -9 + broker restart",
            () -> downDuringRestart + " + " + broker.settings().get("EVENT_SERVER_TYPE"),
            () -> {
              services.kill(downDuringRestart);
              kills++;
              broker.restart();
              brokerRestarts++;
              services.start(downDuringRestart);
              serviceRestarts++;
            }));
    if (swap != null) {
      plan.add(
          new Planned(
              duration.toMillis() / 2,
              "broker swap",
              swap::direction,
              () -> {
                swap.swap();
                brokerSwaps++;
              }));
    }
    plan.sort(Comparator.comparingLong(Planned::atMillis));
  }

  /** A service's database line, cut for a while. */
  interface DatabaseCut {
    String service();

    void cut(Duration howLong) throws Exception;
  }

  void start() {
    startMillis = System.currentTimeMillis();
    thread.start();
  }

  /** Whether every planned fault ran and recovered (or one failed). */
  boolean done() {
    return !thread.isAlive();
  }

  /** Waits until every planned fault ran and recovered; rethrows a fault that failed. */
  void awaitDone() throws Exception {
    thread.join();
    if (failure != null) {
      throw new IllegalStateException(
          "a fault could not be injected or recovered from: " + failure, failure);
    }
  }

  private void run() {
    try {
      for (Planned next : plan) {
        long wait = startMillis + next.atMillis() - System.currentTimeMillis();
        if (wait > 0) {
          TimeUnit.MILLISECONDS.sleep(wait); // the schedule itself: a fault is due at a given time
        }
        if (stopping.get()) {
          return;
        }
        long began = System.currentTimeMillis();
        String target = next.target().get();
        log.info("fault: {} {}", next.kind(), target);
        next.fault().inject();
        long recovered = System.currentTimeMillis();
        recoveredNanos = System.nanoTime();
        log.info("fault: {} {} recovered in {} ms", next.kind(), target, recovered - began);
        done.add(
            new JsonObject()
                .put("atSeconds", (began - startMillis) / 1000.0)
                .put("fault", next.kind())
                .put("target", target)
                .put("recoveredAfterSeconds", (recovered - began) / 1000.0));
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      failure = e;
      log.error("fault failed", e);
    }
  }

  /** When the last fault recovered ({@link System#nanoTime()}), 0 before the first. */
  long recoveredNanos() {
    return recoveredNanos;
  }

  int kills() {
    return kills;
  }

  int serviceRestarts() {
    return serviceRestarts;
  }

  int brokerRestarts() {
    return brokerRestarts;
  }

  int brokerNodeKills() {
    return brokerNodeKills;
  }

  int databaseCuts() {
    return databaseCuts;
  }

  int brokerSwaps() {
    return brokerSwaps;
  }

  /** When the schedule started ({@link System#currentTimeMillis()}). */
  long startMillis() {
    return startMillis;
  }

  JsonArray timeline() {
    return new JsonArray(new ArrayList<>(done));
  }

  @Override
  public void close() throws InterruptedException {
    stopping.set(true);
    thread.interrupt();
    thread.join(TimeUnit.SECONDS.toMillis(60));
  }
}
