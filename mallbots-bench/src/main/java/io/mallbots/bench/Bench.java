package io.mallbots.bench;

import io.mallbots.bench.cpu.ProcessGroups;
import io.mallbots.bench.history.PastOrders;
import io.mallbots.bench.probe.BrokerCeilingProbe;
import io.mallbots.bench.probe.DatabaseCeilingProbe;
import io.mallbots.bench.probe.ProbeDatabases;
import io.mallbots.bench.probe.ProbeResult;
import io.mallbots.bench.probe.YardstickProbe;
import io.mallbots.bench.report.BenchReport;
import io.mallbots.bench.report.SweepPoint;
import io.mallbots.bench.report.SystemResources;
import io.mallbots.bench.shop.LoadDriver;
import io.mallbots.bench.shop.MallClients;
import io.mallbots.bench.shop.MallSeed;
import io.mallbots.bench.shop.Measurements;
import io.mallbots.bench.shop.OrderWatcher;
import io.mallbots.bench.shop.ShoppingTrip;
import io.mallbots.bench.stack.LauncherMall;
import io.mallbots.bench.stack.MallUnderTest;
import io.mallbots.bench.stack.RunningMall;
import io.mallbots.bench.stack.ServiceJvmsMall;
import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.config.Settings;
import io.mallbots.core.rpc.RpcClients;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code make bench}: drives MallBots over gRPC like shoppers do, measures completed orders per
 * second and checkout-to-approved latency, probes the machine's limits (database, broker,
 * yardstick), and writes the report ({@code target/bench/report-<broker>.json|md|html}). See {@code
 * --help} ({@link BenchOptions}) and {@code docs/benchmarks.md}.
 *
 * <p>Where the system requires access tokens ({@code AUTH_REQUIRED=true} or {@code
 * --auth-required}), the store keeper and every shopper log in first, as real clients do, and each
 * shopper's calls carry their own token.
 *
 * <p>The main thread only sequences the phases and does the blocking parts (starting servers,
 * migrating probe schemas); all network work runs on one Vert.x context of the driver's own Vert.x.
 */
public final class Bench {

  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(10);

  private final BenchOptions options;
  private final PrintStream console;
  private final Map<String, String> env;

  public Bench(BenchOptions options, Map<String, String> env, PrintStream console) {
    this.options = options;
    this.env = env;
    this.console = console;
  }

  public static void main(String[] args) throws Exception {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "mallbots/bench-logback.xml");
    }
    Cli.Outcome<BenchOptions> parsed =
        Cli.parse(
            BenchOptions.commandLine(System.getenv()),
            args,
            BenchOptions::from,
            System.out,
            System.err);
    if (parsed.options() == null) {
      System.exit(parsed.exitStatus());
      return;
    }
    BenchOptions options = parsed.options();
    // Ctrl-C must not leave service JVMs behind: they are this JVM's own children.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> ProcessHandle.current().children().forEach(ProcessHandle::destroyForcibly),
                "bench-children"));
    JsonObject report =
        new Bench(options, System.getenv(), System.err)
            .run(System.getProperty("sun.java.command", "Bench"));
    System.out.println(BenchReport.write(report, options.output()));
    System.err.println(
        "report: "
            + options
                .output()
                .toAbsolutePath()
                .resolve("report-" + options.broker() + ".{json,md,html}"));
    long failed = report.getJsonObject("load").getLong("ordersFailed");
    System.exit(failed == 0 ? 0 : 1);
  }

  /**
   * Starts or finds the system, runs warm-up, measurement and probes; returns the report (not yet
   * written).
   */
  public JsonObject run(String command) throws Exception {
    Logger log = LoggerFactory.getLogger(Bench.class);
    if (options.probesOnly()) {
      return probesOnly(command);
    }
    log.info("starting the system under test ({})", options.target());
    try (MallUnderTest mall = start()) {
      Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
      try {
        return drive(vertx, vertx.getOrCreateContext(), mall, command);
      } finally {
        vertx.close().await(30, TimeUnit.SECONDS);
      }
    }
  }

  private MallUnderTest start() throws Exception {
    Path home = Path.of("target", "bench-run");
    if (options.inProcess()) {
      return LauncherMall.start(
          options.broker(), options.freePorts(), options.authRequired(), home, env);
    }
    if (options.separateJvms()) {
      return ServiceJvmsMall.start(
          options.broker(),
          options.instances(),
          options.serviceJvmOptions(),
          options.authRequired(),
          home,
          env);
    }
    return new RunningMall(
        options.host(),
        options.broker(),
        options.namespace(),
        options.sutPids(),
        env,
        options.authRequired());
  }

  private JsonObject drive(Vertx vertx, Context context, MallUnderTest mall, String command)
      throws Exception {
    Logger log = LoggerFactory.getLogger(Bench.class);
    MallClients clients = MallClients.of(RpcClients.client(vertx, 10_000), mall);
    boolean logIn = mall.requiresAccessTokens();
    log.info(
        "seeding {} stores x {} products and {} shoppers{}",
        options.stores(),
        options.productsPerStore(),
        options.shoppers(),
        logIn ? ", each logged in (access tokens required)" : "");
    MallSeed seed = seed(vertx, context, clients, logIn);
    OrderWatcher watcher = on(context, () -> OrderWatcher.start(vertx, mall.brokerSettings()));
    ShoppingTrip trip =
        new ShoppingTrip(
            vertx, watcher, seed.products(), options.approvalTimeout(), options.doneBy());
    LoadDriver driver =
        new LoadDriver(vertx, trip, seed.shoppers(), options.concurrency(), options.rate());
    // The driver's event loop, so its CPU is told apart from the services' in the same JVM.
    Thread driverLoop = on(context, () -> Future.succeededFuture(Thread.currentThread()));
    SystemResources resources =
        new SystemResources(
            ProcessGroups.find(
                options.inProcess(),
                options.separateJvms()
                    ? mall.processes().stream().map(MallUnderTest.SystemProcess::pid).toList()
                    : options.sutPids(),
                mall.database("users"),
                options.broker(),
                options.broker().equals("nats")
                    ? mall.brokerSettings().natsUrl()
                    : mall.brokerSettings().kafkaBrokers(),
                List.of(driverLoop)),
            options.inProcess());
    Measurements warmup;
    Measurements measured;
    SystemResources.Usage usage;
    List<SweepPoint> sweep;
    try (Progress progress = new Progress(driver, resources, console)) {
      warmup = on(context, () -> driver.phase("warm-up", options.warmup(), 0));
      if (options.history() > 0) {
        new PastOrders(mall::database, console).fillTo(options.history());
      } else if (!options.runningTarget()) {
        // What autovacuum and the checkpointer would have done by now, where they run.
        new PastOrders(mall::database, console).settle();
      }
      sweep = sweep(context, driver, resources);
      resources.start();
      measured = on(context, () -> driver.phase("measure", options.duration(), options.orders()));
      usage = resources.stop();
    } finally {
      on(
          context,
          () -> {
            seed.logOut();
            return watcher.close();
          });
    }
    // The probes measure the machine, not the machine next to an idle system holding its
    // connections.
    mall.stopServices();
    List<ProbeResult> probes = probes(vertx, context, mall);
    return BenchReport.build(
        new BenchReport.Run(
            options,
            mall.description(),
            mall.deployment(),
            logIn,
            command,
            warmup,
            measured,
            usage,
            probes,
            sweep));
  }

  /** {@code --sweep}: the closed loop at each concurrency in turn, one step each. */
  private List<SweepPoint> sweep(Context context, LoadDriver driver, SystemResources resources)
      throws Exception {
    List<SweepPoint> points = new ArrayList<>();
    for (int shoppers : options.sweep()) {
      resources.start();
      Measurements step =
          on(
              context,
              () -> driver.phase("sweep " + shoppers, options.sweepStepDuration(), 0, shoppers));
      points.add(new SweepPoint(shoppers, step, resources.stop()));
      LoggerFactory.getLogger(Bench.class)
          .info("sweep: {} shoppers, {} orders approved", shoppers, step.completed());
    }
    return points;
  }

  private MallSeed seed(Vertx vertx, Context context, MallClients clients, boolean logIn)
      throws Exception {
    try {
      return on(
          context,
          () ->
              MallSeed.plant(
                  vertx,
                  clients,
                  options.stores(),
                  options.productsPerStore(),
                  options.shoppers(),
                  logIn));
    } catch (InvalidStatusException refused) {
      // A running system's settings cannot be read from here: say which one the bench was not told.
      if (!logIn && refused.actualStatus() == GrpcStatus.UNAUTHENTICATED) {
        throw new IllegalStateException(
            "the system requires access tokens: run the bench with AUTH_REQUIRED=true "
                + "or --auth-required, and the shoppers log in",
            refused);
      }
      throw refused;
    }
  }

  /** The limit probes alone, against the PostgreSQL and broker the environment names. */
  private JsonObject probesOnly(String command) throws Exception {
    try (MallUnderTest machine =
        new RunningMall(options.host(), options.broker(), "", List.of(), env, false)) {
      Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
      try {
        List<ProbeResult> probes = probes(vertx, vertx.getOrCreateContext(), machine);
        Measurements none = new Measurements(System.nanoTime());
        SystemResources.Usage usage = new SystemResources(List.of(), false).stop();
        return BenchReport.build(
            new BenchReport.Run(
                options,
                "limit probes only: PostgreSQL at "
                    + machine.database("users").host()
                    + ":"
                    + machine.database("users").port()
                    + ", "
                    + options.broker(),
                machine.deployment(),
                false,
                command,
                none,
                none,
                usage,
                probes));
      } finally {
        vertx.close().await(30, TimeUnit.SECONDS);
      }
    }
  }

  private List<ProbeResult> probes(Vertx vertx, Context context, MallUnderTest mall) {
    List<ProbeResult> results = new ArrayList<>();
    if (options.probeTime().isZero()) {
      return results;
    }
    Logger log = LoggerFactory.getLogger(Bench.class);
    List<String> services =
        List.of("users", "stores", "payments", "notifications", "baskets", "ordering", "search");
    // Each service's connections, over all its instances: the same probe load whatever the split.
    Integer instances = mall.deployment().instances();
    int poolSize = mall.database("users").poolSize() * (instances == null ? 1 : instances);
    int concurrency = 2 * services.size() * poolSize;
    // Deliveries in batches as the services' subscriptions hand them over (at most this many).
    int batch = CoreSettings.messageBatchSize(Settings.of("bench", System.getenv()));
    log.info("limit probes: {} each, {} at once", options.probeTime(), concurrency);
    ProbeDatabases databases = null;
    try {
      databases = ProbeDatabases.create(services, mall::database);
      ProbeDatabases db = databases;
      on(context, () -> db.open(vertx, ProbeDatabases.outboxDefaults()));
      results.add(
          probe(
              "yardstick",
              () ->
                  on(context, () -> YardstickProbe.run(db.all(), poolSize, options.probeTime()))));
      results.add(
          probe(
              "database ceiling",
              () ->
                  on(
                      context,
                      () ->
                          DatabaseCeilingProbe.run(
                              vertx, db, concurrency, batch, options.probeTime()))));
      on(context, db::close);
    } catch (Exception e) {
      log.warn("database probes failed: {}", e.toString());
    } finally {
      if (databases != null) {
        databases.drop();
      }
    }
    results.add(
        probe(
            "broker ceiling",
            () ->
                on(
                    context,
                    () ->
                        BrokerCeilingProbe.run(
                            vertx, mall.brokerSettings(), concurrency, options.probeTime()))));
    return results;
  }

  private static ProbeResult probe(String name, ThrowingSupplier<ProbeResult> probe) {
    try {
      ProbeResult result = probe.get();
      LoggerFactory.getLogger(Bench.class)
          .info("{}: {} {}", name, Math.round(result.rate() * 10) / 10.0, result.unit());
      return result;
    } catch (Exception e) {
      LoggerFactory.getLogger(Bench.class).warn("{} probe failed: {}", name, e.toString());
      return new ProbeResult(name, 0, "", "failed", Map.of(), Map.of(String.valueOf(e), 1L));
    }
  }

  /** Runs {@code work} on {@code context} and waits for it on this (non-event-loop) thread. */
  static <T> T on(Context context, Supplier<Future<T>> work) throws Exception {
    return OnContext.await(context, STEP_TIMEOUT, work);
  }

  /** A step that may throw. */
  @FunctionalInterface
  private interface ThrowingSupplier<T> {
    T get() throws Exception;
  }
}
