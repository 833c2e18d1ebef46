package io.mallbots.bench.chaos;

import io.mallbots.bench.Cli;
import io.mallbots.bench.OnContext;
import io.mallbots.bench.shop.LoadDriver;
import io.mallbots.bench.shop.MallClients;
import io.mallbots.bench.shop.MallSeed;
import io.mallbots.bench.shop.Measurements;
import io.mallbots.bench.shop.OrderWatcher;
import io.mallbots.bench.shop.ShoppingTrip;
import io.mallbots.bench.stack.ServiceAccess;
import io.mallbots.bench.stack.ServiceProcesses;
import io.mallbots.core.config.AuthSettings;
import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.config.Settings;
import io.mallbots.core.config.StandardPorts;
import io.mallbots.core.rpc.RpcClients;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code make chaos}: the seven services as separate JVMs on a private broker and fresh schemas,
 * shoppers ordering through the bench's load driver, and faults while they shop ({@link Faults}:
 * {@code kill -9} of random services, one broker restart, one cut database line). Then it waits for
 * quiet and checks the books ({@link Books}); the report goes to {@code
 * <output>/report-<broker>.json}. See docs/reliability.md. With {@code AUTH_REQUIRED=true} (read as
 * the services read it) the services require access tokens and the shoppers log in like real
 * clients. With {@code --swap-broker} both brokers run and, halfway, every service instance is
 * restarted in turn on the other one, draining the first ({@link BrokerSwap}).
 *
 * <p>The main thread sequences the run and does the blocking parts (processes, JDBC); the shoppers
 * run on one Vert.x context; the faults on a thread of their own.
 */
public final class Chaos {

  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);

  /** How many products the price storm hits. */
  private static final int STORM_PRODUCTS = 3;

  private final ChaosOptions options;
  private final Map<String, String> env;
  private final PrintStream console;

  public Chaos(ChaosOptions options, Map<String, String> env, PrintStream console) {
    this.options = options;
    this.env = env;
    this.console = console;
  }

  public static void main(String[] args) throws Exception {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "mallbots/chaos-logback.xml");
    }
    Cli.Outcome<ChaosOptions> parsed =
        Cli.parse(
            ChaosOptions.commandLine(System.getenv()),
            args,
            ChaosOptions::from,
            System.out,
            System.err);
    if (parsed.options() == null) {
      System.exit(parsed.exitStatus());
      return;
    }
    ChaosOptions options = parsed.options();
    // Ctrl-C must not leave service JVMs or the broker behind: they are this JVM's own children.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> ProcessHandle.current().children().forEach(ProcessHandle::destroyForcibly),
                "chaos-children"));
    JsonObject report =
        new Chaos(options, System.getenv(), System.err).run("Chaos " + String.join(" ", args));
    System.out.println(ChaosReport.summary(report));
    System.exit(report.getBoolean("balanced") ? 0 : 1);
  }

  /** Runs the storm and the audit; writes and returns the report. */
  public JsonObject run(String command) throws Exception {
    Logger log =
        LoggerFactory.getLogger(Chaos.class); // not static: main picks the logging config first
    String runId = UUID.randomUUID().toString().substring(0, 8);
    Path home = options.output().toAbsolutePath().resolve("run-" + options.broker() + "-" + runId);
    Map<String, String> schemas = new HashMap<>();
    ServiceProcesses.MAINS
        .keySet()
        .forEach(service -> schemas.put(service, "chaos_" + runId + "_" + service));
    String pgHost = env.getOrDefault("POSTGRES_HOST", "127.0.0.1");
    int pgPort =
        Integer.parseInt(
            env.getOrDefault("POSTGRES_PORT", Integer.toString(StandardPorts.POSTGRES)));
    String pgDb = env.getOrDefault("POSTGRES_DB_NAME", "mallbots");
    String pgUser = env.getOrDefault("POSTGRES_USER", "mallbots");
    String pgPassword = env.getOrDefault("POSTGRES_PASSWORD", "mallbots");
    Books books =
        new Books(
            "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + pgDb, pgUser, pgPassword, schemas);
    boolean logIn = AuthSettings.requiredBy(Settings.of("chaos", env));
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    Context context = vertx.getOrCreateContext();
    log.info(
        "chaos run {} on {}{}: services' logs and broker data under {}",
        runId,
        options.broker(),
        logIn ? ", access tokens required (the shoppers log in)" : "",
        home);
    try (Brokers broker =
        Brokers.start(options.broker(), options.swapBroker(), home, options.brokerNodes())) {
      DatabaseLine line = on(context, () -> new DatabaseLine(vertx, pgHost, pgPort).open());
      Map<String, String> shared = new HashMap<>(broker.settings());
      shared.putAll(
          Map.of(
              "POSTGRES_HOST",
              pgHost,
              "POSTGRES_PORT",
              Integer.toString(pgPort),
              "POSTGRES_DB_NAME",
              pgDb,
              "POSTGRES_USER",
              pgUser,
              "POSTGRES_PASSWORD",
              pgPassword,
              "EVENT_NAMESPACE",
              "chaos-" + runId,
              "NOTIFIER",
              "log",
              "OTEL_EXPORTER_OTLP_ENDPOINT",
              ""));
      if (ServiceProcesses.MAINS.keySet().stream()
          .anyMatch(service -> options.instancesOf(service) > 1)) {
        // More JVMs, each with its pool, relay lock and listener sessions: small pools keep the run
        // within the shared PostgreSQL's max_connections (100 by default), which other runs on the
        // machine use too.
        shared.put("POSTGRES_POOL_SIZE", env.getOrDefault("POSTGRES_POOL_SIZE", "2"));
      }
      Map<String, Map<String, String>> own = new HashMap<>();
      schemas.forEach(
          (service, schema) -> own.put(service, new HashMap<>(Map.of("POSTGRES_SCHEMA", schema))));
      // Each service's own, not shared: the shared settings also make the run's broker settings,
      // which would then ask for token keys the run itself has no use for.
      Map<String, String> access = ServiceAccess.settings(env, logIn);
      own.values().forEach(settings -> settings.putAll(access));
      own.get(options.cutService())
          .putAll(
              Map.of("POSTGRES_HOST", "127.0.0.1", "POSTGRES_PORT", Integer.toString(line.port())));
      try (ServiceProcesses services =
          new ServiceProcesses(
              home.resolve("logs"), shared, own, options::instancesOf, ServiceProcesses.LEAN_JVM)) {
        long starting = System.nanoTime();
        services.startAll();
        int jvms = services.instances().size();
        log.info(
            "{} service JVMs ready in {} s", jvms, (System.nanoTime() - starting) / 1_000_000_000);
        String system =
            jvms
                + " service JVMs (-Xmx128m each"
                + (jvms > 7 ? "; " + String.join(", ", services.instances()) : "")
                + "), private "
                + options.broker()
                + " of "
                + broker.nodes()
                + " node(s) "
                + broker.settings()
                + ", PostgreSQL "
                + pgHost
                + ":"
                + pgPort
                + " schemas chaos_"
                + runId
                + "_<service>, "
                + options.cutService()
                + " through a cuttable TCP line"
                + (logIn ? ", access tokens required" : "")
                + (broker.swappable()
                    ? ", both brokers up: mid-run every instance moves to "
                        + Brokers.other(options.broker())
                    : "");
        JsonObject report =
            storm(vertx, context, services, broker, line, shared, books, command, system, logIn);
        on(context, line::close);
        Path file = ChaosReport.write(report, options.output());
        log.info("report: {}", file.toAbsolutePath());
        return report;
      }
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
      if (!options.keep()) {
        try {
          books.dropSchemas();
        } catch (Exception e) {
          log.warn("could not drop the run's schemas: {}", e.toString());
        }
      }
    }
  }

  private JsonObject storm(
      Vertx vertx,
      Context context,
      ServiceProcesses services,
      Brokers broker,
      DatabaseLine line,
      Map<String, String> shared,
      Books books,
      String command,
      String system,
      boolean logIn)
      throws Exception {
    // Every instance of a service, in turn: the shoppers' calls spread over them as the services'
    // own calls do.
    MallClients clients =
        MallClients.at(
            RpcClients.client(vertx, 10_000),
            service -> RpcClients.address(service, services.endpoints(service)));
    MallSeed seed =
        on(
            context,
            () -> MallSeed.plant(vertx, clients, 2, 5, Math.max(4, options.concurrency()), logIn));
    CoreSettings brokerSettings = CoreSettings.from(Settings.of("chaos", shared));
    OrderWatcher watcher = on(context, () -> OrderWatcher.start(vertx, brokerSettings));
    on(context, () -> Poison.inject(vertx, brokerSettings));
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    ShoppingTrip trip =
        new ShoppingTrip(
            vertx, watcher, seed.products(), options.approvalTimeout(), "ordering", accepted::add);
    LoadDriver driver =
        new LoadDriver(vertx, trip, seed.shoppers(), options.concurrency(), options.rate());
    Faults.DatabaseCut cut = line.asCut(context, options.cutService());
    List<Future<Measurements>> phases = new ArrayList<>();
    PriceStorm storm = new PriceStorm();
    Promise<Void> stormBlown = Promise.promise();
    // Mid-run, while shoppers put those products into baskets and faults hit: the books then check
    // that every cache ends with stores' last price.
    context.runOnContext(
        v ->
            vertx.setTimer(
                Math.max(1, options.duration().toMillis() * 4 / 10),
                id ->
                    storm
                        .blow(seed.keeper(), seed.products(), STORM_PRODUCTS)
                        .onComplete(stormBlown)));
    // The shoppers' watcher reads the new broker before any service publishes there.
    BrokerSwap swap =
        broker.swappable()
            ? new BrokerSwap(
                broker,
                services,
                settings ->
                    on(
                        context,
                        () ->
                            watcher.alsoWatch(
                                vertx, CoreSettings.from(Settings.of("chaos", settings)))))
            : null;
    long loadStart = System.nanoTime();
    try (Faults faults =
        new Faults(
            options.duration(),
            options.killEvery(),
            options.cutFor(),
            services,
            broker,
            cut,
            swap,
            options.seed())) {
      faults.start();
      Promise<Void> drained = Promise.promise();
      AtomicLong arrivalsEnded = new AtomicLong();
      context.runOnContext(v -> shop(vertx, driver, faults, phases, arrivalsEnded, drained));
      faults.awaitDone();
      // The books are read once a second while the last shoppers wait for their orders, until they
      // balance with every shopper gone (or time runs out). Quiet counts from the moment the last
      // shopper arrived and the last fault recovered to the first reading from which on the books
      // stayed balanced.
      Books.Audit audit;
      Long balancedAt = null;
      long deadline =
          System.nanoTime() + options.duration().toNanos() + options.quietTimeout().toNanos();
      while (true) {
        try {
          audit = books.audit(accepted, Poison.EXPECTED_DEAD_LETTERS);
        } catch (java.sql.SQLException unreadable) {
          // e.g. no connection slot free for a moment: an unread book is not a balanced one; read
          // again.
          LoggerFactory.getLogger(Chaos.class)
              .warn("could not read the books: {}", unreadable.getMessage());
          audit = new Books.Audit(new JsonObject(), false);
        }
        long now = System.nanoTime();
        balancedAt = !audit.balanced() ? null : balancedAt == null ? now : balancedAt;
        if (drained.future().isComplete() && audit.balanced()
            || now > deadline
            || arrivalsEnded.get() != 0
                && now - arrivalsEnded.get() > options.quietTimeout().toNanos()) {
          break;
        }
        TimeUnit.SECONDS.sleep(1); // the next reading of the books
      }
      stormBlown.future().await(options.quietTimeout().toMillis(), TimeUnit.MILLISECONDS);
      long quietFrom = Math.max(arrivalsEnded.get(), faults.recoveredNanos());
      Long quietNanos = balancedAt == null ? null : Math.max(0, balancedAt - quietFrom);
      drained.future().await(options.approvalTimeout().toMillis() + 60_000, TimeUnit.MILLISECONDS);
      List<Measurements> load =
          on(context, () -> Future.all(phases).map(all -> all.<Measurements>list()));
      on(
          context,
          () -> {
            seed.logOut();
            return watcher.close();
          });
      audit = books.audit(accepted, Poison.EXPECTED_DEAD_LETTERS);
      if (swap != null) {
        swap.checkOldBroker(Duration.ofSeconds(30));
      }
      double loadSeconds = (arrivalsEnded.get() - loadStart) / 1e9;
      console.printf(
          "shoppers arrived for %.1f s: %d orders driven, %d accepted%n",
          loadSeconds, load.stream().mapToLong(Measurements::started).sum(), accepted.size());
      Double timeToQuiet =
          audit.balanced() && quietNanos != null ? Math.round(quietNanos / 1e8) / 10.0 : null;
      return ChaosReport.build(
          new ChaosReport.Run(
              options,
              command,
              system,
              load,
              accepted.size(),
              faults,
              services.starts(),
              loadSeconds,
              timeToQuiet,
              audit,
              services.instances().size(),
              broker.nodes(),
              storm.changed(),
              storm.refused(),
              swap == null ? null : swap.report(faults.startMillis())));
    }
  }

  /**
   * Shoppers arrive for the run's duration and, since slow restarts push the schedule back, on in
   * phases of {@code --kill-every} until the last fault has recovered, so no fault hits an idle
   * mall. A phase starts when the previous one stops taking arrivals (its last shoppers may still
   * be waiting), so arrivals never pause. On the driving context; {@code drained} completes when
   * every shopper has left.
   */
  private void shop(
      Vertx vertx,
      LoadDriver driver,
      Faults faults,
      List<Future<Measurements>> phases,
      AtomicLong arrivalsEnded,
      Promise<Void> drained) {
    boolean first = phases.isEmpty();
    Duration length = first ? options.duration() : options.killEvery();
    phases.add(driver.phase(first ? "chaos" : "chaos, faults still running", length, 0));
    vertx.setTimer(
        length.toMillis(),
        id -> {
          if (faults.done()) {
            arrivalsEnded.set(System.nanoTime());
            Future.join(List.copyOf(phases)).onComplete(all -> drained.complete());
          } else {
            shop(vertx, driver, faults, phases, arrivalsEnded, drained);
          }
        });
  }

  /** Runs {@code work} on {@code context} and waits for it on this (non-event-loop) thread. */
  static <T> T on(Context context, Supplier<Future<T>> work) throws Exception {
    return OnContext.await(context, STEP_TIMEOUT, work);
  }
}
