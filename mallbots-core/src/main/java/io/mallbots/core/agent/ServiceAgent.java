package io.mallbots.core.agent;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.mallbots.core.auth.AccessTokens;
import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Migrations;
import io.mallbots.core.db.Retention;
import io.mallbots.core.deadletters.DeadLetters;
import io.mallbots.core.inbox.Inbox;
import io.mallbots.core.inbox.TxMessageHandler;
import io.mallbots.core.messaging.BatchHandler;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.messaging.Subscription;
import io.mallbots.core.messaging.SubscriptionOptions;
import io.mallbots.core.outbox.OutboxRelay;
import io.mallbots.core.rpc.BearerGrpcClient;
import io.mallbots.core.rpc.IntakeSwitch;
import io.mallbots.core.rpc.RequestLimit;
import io.mallbots.core.rpc.RpcAccess;
import io.mallbots.core.rpc.RpcClients;
import io.mallbots.core.rpc.RpcEndpoint;
import io.mallbots.core.saga.CommandHandling;
import io.mallbots.core.saga.SagaOrchestrator;
import io.mallbots.core.saga.SagaTimeouts;
import io.mallbots.core.web.HttpRoutes;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.health.HealthService;
import io.vertx.grpc.reflection.ReflectionService;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every service's composition root uses to come alive, the same way in all seven: it migrates
 * the schema, opens the database and the event stream, starts the one outbox relay of the instance
 * and the retention sweep, binds the service's RPCs to gRPC (with health and reflection) and to the
 * HTTP routes, and subscribes message handlers with exactly-once effects. Create it in the service
 * verticle's {@code start()}: everything it starts runs on that verticle's context. {@link #stop()}
 * undoes it in reverse order.
 */
public final class ServiceAgent {

  private static final Logger log = LoggerFactory.getLogger(ServiceAgent.class);

  private final Vertx vertx;
  private final CoreSettings settings;
  private final Database database;
  private final EventStream stream;
  private final OutboxRelay relay;
  private final Retention retention;
  private final List<RpcEndpoint> endpoints = new ArrayList<>();
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final List<SagaTimeouts> sagaTimeouts = new CopyOnWriteArrayList<>();
  private final HealthChecks readiness;
  private final AccessTokens tokens;
  private final RpcAccess access;
  private final RequestLimit limit;
  private final DeadLetters deadLetters;
  private final IntakeSwitch intake;
  private final DrainReport drain;
  private HttpServer grpcServer;
  private HttpServer httpServer;
  private HttpServer managementServer;

  private ServiceAgent(Vertx vertx, CoreSettings settings, Database database, EventStream stream) {
    this.vertx = vertx;
    this.settings = settings;
    this.database = database;
    this.stream = stream;
    this.relay = new OutboxRelay(vertx, database, stream, settings.outbox());
    this.retention = new Retention(vertx, database, settings.retention());
    this.tokens =
        settings.auth().publicKey() == null && settings.auth().serviceKey() == null
            ? null
            : new AccessTokens(
                settings.auth().publicKey(), settings.auth().serviceKey(), Clock.systemUTC());
    this.access =
        settings.auth().required() ? RpcAccess.tokens(tokens, settings.service()) : RpcAccess.OPEN;
    this.limit = new RequestLimit(settings.service(), settings.maxRequestsInFlight());
    this.deadLetters = new DeadLetters(database);
    this.intake =
        new IntakeSwitch(tokens, settings.auth().serviceKey() != null, settings.service());
    this.drain = new DrainReport(vertx, settings, database, intake);
    this.readiness =
        HealthChecks.create(vertx)
            .register(
                "database",
                2000,
                p ->
                    database.ping().map(v -> Status.OK()).otherwise(e -> Status.KO()).onComplete(p))
            .register(
                "broker",
                2000,
                p -> stream.ping().map(v -> Status.OK()).otherwise(e -> Status.KO()).onComplete(p))
            // Paused for a broker swap: load balancers send outside callers elsewhere meanwhile.
            .register(
                "intake",
                p ->
                    p.complete(
                        intake.paused()
                            ? Status.KO(
                                new JsonObject()
                                    .put("reason", "intake paused for a broker swap")
                                    .put("pausedSince", String.valueOf(intake.pausedSince())))
                            : Status.OK()));
  }

  /**
   * Migrates the schema, then opens the database and the event stream and starts the outbox relay.
   */
  public static Future<ServiceAgent> start(Vertx vertx, CoreSettings settings) {
    return start(vertx, settings, UnaryOperator.identity());
  }

  /**
   * As {@link #start(Vertx, CoreSettings)}, with the event stream seen through {@code
   * decorateStream}.
   */
  public static Future<ServiceAgent> start(
      Vertx vertx, CoreSettings settings, UnaryOperator<EventStream> decorateStream) {
    return Migrations.migrate(vertx, settings.postgres(), settings.service())
        .compose(v -> EventStreams.connectService(vertx, settings).map(decorateStream))
        .compose(
            stream -> {
              var agent =
                  new ServiceAgent(
                      vertx,
                      settings,
                      Database.connect(
                          vertx, settings.postgres(), settings.outbox().messageMaxBytes()),
                      stream);
              agent.retention.start();
              return agent.relay.start().map(agent);
            });
  }

  public CoreSettings settings() {
    return settings;
  }

  public Database database() {
    return database;
  }

  public EventStream stream() {
    return stream;
  }

  /**
   * Serves {@code implementation} (the generated contract interface) for {@code descriptor}'s RPCs.
   * With {@code AUTH_REQUIRED}, each call must pass its RPC's access rule (the proto option,
   * docs/security.md); at most {@code MAX_REQUESTS_IN_FLIGHT} calls are served at a time.
   */
  public ServiceAgent serve(ServiceDescriptor descriptor, Object implementation) {
    endpoints.add(RpcEndpoint.of(descriptor, implementation, access, limit, intake));
    return this;
  }

  /**
   * A gRPC client for calling the other services: every call has a deadline of {@code
   * timeoutMillis}, goes over TLS when {@code GRPC_CLIENT_TLS_ENABLED}, and carries a token of this
   * service's own, for the service it calls, when {@code SERVICE_TOKEN_KEY} is set. Create one per
   * verticle and reuse it.
   */
  public GrpcClient grpcClient(int timeoutMillis) {
    GrpcClient client = RpcClients.client(vertx, timeoutMillis, settings.clientTls());
    return BearerGrpcClient.ofService(
        client,
        settings.service(),
        settings.auth().serviceKey() == null
            ? null
            : tokens.serviceTokens(settings.service(), Duration.ofMinutes(10)));
  }

  /**
   * Subscribes {@code group} to {@code topic}; each message's effect runs once, in one transaction
   * with the inbox record and the events it raises. The group name is also the inbox's subscriber
   * id.
   */
  public Future<Subscription> subscribe(String topic, String group, TxMessageHandler effect) {
    return stream
        .subscribe(
            topic, group, subscriptionOptions(), ours(Inbox.exactlyOnce(database, group, effect)))
        .onSuccess(subscriptions::add)
        .onSuccess(subscribed -> drain.subscribed(topic, group));
  }

  /**
   * Subscribes {@code group} to saga commands on {@code topic}: each command's effect runs once and
   * is answered once, with a success reply or, for a business rejection, a failure reply.
   */
  public Future<Subscription> handleCommands(String topic, String group, TxMessageHandler effect) {
    return stream
        .subscribe(
            topic,
            group,
            subscriptionOptions(),
            ours(CommandHandling.exactlyOnce(database, group, effect)))
        .onSuccess(subscriptions::add)
        .onSuccess(subscribed -> drain.subscribed(topic, group));
  }

  /**
   * Keeps {@code orchestrator}'s sagas from waiting for ever for a reply: {@code SAGA_STEP_TIMEOUT}
   * and {@code SAGA_STEP_RETRIES} decide when a step is sent again and when it is given up (see
   * {@link SagaTimeouts}). Call from the verticle's {@code wire}: the sweep runs on its event loop.
   */
  public void superviseSagas(SagaOrchestrator<?> orchestrator) {
    sagaTimeouts.add(new SagaTimeouts(vertx, database, orchestrator, settings.saga()).start());
    drain.supervises(orchestrator);
  }

  /**
   * Tags the consumer span with the service, which tells services apart when one JVM runs several.
   */
  private BatchHandler ours(BatchHandler handler) {
    MessageHandler one =
        message -> {
          Span.current().setAttribute("mallbots.service", settings.service());
          return handler.handle(message);
        };
    return BatchHandler.of(
        one,
        batch ->
            handler.handleBatch(
                batch.around(
                    work ->
                        () -> {
                          Span.current().setAttribute("mallbots.service", settings.service());
                          return work.get();
                        })));
  }

  /**
   * The configured options; dead letters are also kept in the service's schema for the operator.
   */
  private SubscriptionOptions subscriptionOptions() {
    return settings.subscriptions().withDeadLetters(deadLetters::record);
  }

  /** Whether the service takes outside requests: paused for a broker swap. */
  public IntakeSwitch intake() {
    return intake;
  }

  /** The messages this service's subscribers gave up on. */
  public DeadLetters deadLetters() {
    return deadLetters;
  }

  /** Opens the gRPC and HTTP ports. */
  public Future<Void> listen() {
    GrpcServer grpc =
        GrpcServer.server(
            vertx,
            new GrpcServerOptions()
                .setScheduleDeadlineAutomatically(true)
                .setDeadlinePropagation(true)
                .setMaxMessageSize(RpcEndpoint.MAX_MESSAGE_BYTES));
    HealthService health = HealthService.create(vertx);
    health.register("", this::ready);
    endpoints.forEach(
        endpoint -> {
          grpc.addService(endpoint);
          health.register(endpoint.name().fullyQualifiedName(), this::ready);
        });
    grpc.addService(health).addService(ReflectionService.v1());

    Future<HttpServer> grpcListening =
        vertx
            .createHttpServer(
                settings
                    .serverTls()
                    .applyTo(
                        new HttpServerOptions()
                            .setHost(settings.grpcHost())
                            .setPort(settings.grpcPort())))
            .requestHandler(grpc)
            .listen();
    Future<HttpServer> httpListening =
        vertx
            .createHttpServer(
                settings
                    .serverTls()
                    .applyTo(
                        new HttpServerOptions()
                            .setHost(settings.httpHost())
                            .setPort(settings.httpPort())
                            .setCompressionSupported(true)))
            .requestHandler(HttpRoutes.api(vertx, settings.service(), endpoints))
            .listen();
    // Plain HTTP on purpose: probes and scrapers reach it whatever the API ports' TLS asks of
    // clients.
    Future<HttpServer> managementListening =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setHost(settings.managementHost())
                    .setPort(settings.managementPort()))
            .requestHandler(
                HttpRoutes.management(vertx, readiness, deadLetters, access, intake, drain::now))
            .listen();
    return Future.all(grpcListening, httpListening, managementListening)
        .onSuccess(
            all -> {
              grpcServer = grpcListening.result();
              httpServer = httpListening.result();
              managementServer = managementListening.result();
              log.info(
                  "{} serving gRPC on {}:{}, HTTP on {}:{}{}{}, management on {}:{}",
                  settings.service(),
                  settings.grpcHost(),
                  grpcServer.actualPort(),
                  settings.httpHost(),
                  httpServer.actualPort(),
                  settings.serverTls().enabled()
                      ? " over TLS (client certificates: "
                          + settings
                              .serverTls()
                              .clientAuth()
                              .name()
                              .toLowerCase(java.util.Locale.ROOT)
                          + ")"
                      : "",
                  settings.auth().required()
                      ? ", access tokens required"
                      : ", no access token required (dev)",
                  settings.managementHost(),
                  managementServer.actualPort());
            })
        .mapEmpty();
  }

  /** The gRPC port actually bound (useful when configured as 0). */
  public int grpcPort() {
    return grpcServer.actualPort();
  }

  /** The HTTP port actually bound (useful when configured as 0). */
  public int httpPort() {
    return httpServer.actualPort();
  }

  /** The management port actually bound: health, metrics, dead letters. */
  public int managementPort() {
    return managementServer.actualPort();
  }

  /** Stops taking requests, lets in-flight messages finish, stops the relay, closes connections. */
  public Future<Void> stop() {
    List<Future<Void>> servers = new ArrayList<>();
    if (grpcServer != null) {
      servers.add(grpcServer.close());
    }
    if (httpServer != null) {
      servers.add(httpServer.close());
    }
    if (managementServer != null) {
      servers.add(managementServer.close());
    }
    return Future.join(servers)
        .eventually(() -> Future.join(subscriptions.stream().map(Subscription::close).toList()))
        .eventually(() -> Future.join(sagaTimeouts.stream().map(SagaTimeouts::stop).toList()))
        .eventually(
            () -> {
              retention.stop();
              return relay.stop();
            })
        .eventually(drain::close)
        .eventually(stream::close)
        .eventually(database::close)
        .mapEmpty();
  }

  private Future<Boolean> ready() {
    return readiness.checkStatus().map(result -> result.getUp());
  }
}
