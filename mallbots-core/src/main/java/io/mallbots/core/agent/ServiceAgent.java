package io.mallbots.core.agent;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.mallbots.core.auth.AccessTokens;
import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.db.Database;
import io.mallbots.core.deadletters.DeadLetters;
import io.mallbots.core.db.Migrations;
import io.mallbots.core.inbox.Inbox;
import io.mallbots.core.inbox.TxMessageHandler;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.messaging.Subscription;
import io.mallbots.core.messaging.SubscriptionOptions;
import io.mallbots.core.outbox.OutboxRelay;
import io.mallbots.core.rpc.BearerGrpcClient;
import io.mallbots.core.rpc.RpcAccess;
import io.mallbots.core.rpc.RpcClients;
import io.mallbots.core.rpc.RpcEndpoint;
import io.mallbots.core.saga.CommandHandling;
import io.mallbots.core.web.HttpRoutes;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.health.HealthService;
import io.vertx.grpc.reflection.ReflectionService;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.util.ArrayList;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every service's composition root uses to come alive, the same way in all seven: it migrates the
 * schema, opens the database and the event stream, starts the one outbox relay of the instance, binds
 * the service's RPCs to gRPC (with health and reflection) and to the HTTP routes, and subscribes message
 * handlers with exactly-once effects. Create it in the service verticle's {@code start()}: everything
 * it starts runs on that verticle's context. {@link #stop()} undoes it in reverse order.
 */
public final class ServiceAgent {

  private static final Logger log = LoggerFactory.getLogger(ServiceAgent.class);

  private final Vertx vertx;
  private final CoreSettings settings;
  private final Database database;
  private final EventStream stream;
  private final OutboxRelay relay;
  private final List<RpcEndpoint> endpoints = new ArrayList<>();
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final HealthChecks readiness;
  private final AccessTokens tokens;
  private final DeadLetters deadLetters;
  private HttpServer grpcServer;
  private HttpServer httpServer;

  private ServiceAgent(Vertx vertx, CoreSettings settings, Database database, EventStream stream) {
    this.vertx = vertx;
    this.settings = settings;
    this.database = database;
    this.stream = stream;
    this.relay = new OutboxRelay(vertx, database, stream, settings.outbox());
    this.tokens = settings.auth().signingKey() == null ? null
        : new AccessTokens(settings.auth().signingKey(), Clock.systemUTC());
    this.deadLetters = new DeadLetters(database);
    this.readiness = HealthChecks.create(vertx)
        .register("database", 2000, p -> database.ping().map(v -> Status.OK()).otherwise(e -> Status.KO())
            .onComplete(p))
        .register("broker", 2000, p -> stream.ping().map(v -> Status.OK()).otherwise(e -> Status.KO())
            .onComplete(p));
  }

  /** Migrates the schema, then opens the database and the event stream and starts the outbox relay. */
  public static Future<ServiceAgent> start(Vertx vertx, CoreSettings settings) {
    return Migrations.migrate(vertx, settings.postgres(), settings.service())
        .compose(v -> EventStreams.connect(vertx, settings))
        .compose(stream -> {
          var agent = new ServiceAgent(vertx, settings,
              Database.connect(vertx, settings.postgres(), settings.outbox().messageMaxBytes()), stream);
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
   * Serves {@code implementation} (the generated contract interface) for {@code descriptor}'s RPCs. With
   * {@code AUTH_REQUIRED}, every call needs an access token except those to the RPCs named in {@code open}.
   */
  public ServiceAgent serve(ServiceDescriptor descriptor, Object implementation, String... open) {
    RpcAccess access = settings.auth().required() ? RpcAccess.bearers(tokens, Set.of(open)) : RpcAccess.ANYONE;
    endpoints.add(RpcEndpoint.of(descriptor, implementation, access));
    return this;
  }

  /**
   * A gRPC client for calling the other services: every call has a deadline of {@code timeoutMillis},
   * goes over TLS when {@code GRPC_CLIENT_TLS_ENABLED}, and carries this service's own access token when a
   * signing key is set. Create one per verticle and reuse it.
   */
  public GrpcClient grpcClient(int timeoutMillis) {
    GrpcClient client = RpcClients.client(vertx, timeoutMillis, settings.clientTls());
    return tokens == null ? client
        : new BearerGrpcClient(client, tokens.serviceTokens(settings.service(), Duration.ofMinutes(10)));
  }

  /**
   * Subscribes {@code group} to {@code topic}; each message's effect runs once, in one transaction with
   * the inbox record and the events it raises. The group name is also the inbox's subscriber id.
   */
  public Future<Subscription> subscribe(String topic, String group, TxMessageHandler effect) {
    return stream.subscribe(topic, group, subscriptionOptions(), ours(Inbox.exactlyOnce(database, group, effect)))
        .onSuccess(subscriptions::add);
  }

  /**
   * Subscribes {@code group} to saga commands on {@code topic}: each command's effect runs once and
   * is answered once, with a success reply or, for a business rejection, a failure reply.
   */
  public Future<Subscription> handleCommands(String topic, String group, TxMessageHandler effect) {
    return stream.subscribe(topic, group, subscriptionOptions(),
        ours(CommandHandling.exactlyOnce(database, group, effect))).onSuccess(subscriptions::add);
  }

  /** Tags the consumer span with the service, which tells services apart when one JVM runs several. */
  private MessageHandler ours(MessageHandler handler) {
    return message -> {
      Span.current().setAttribute("mallbots.service", settings.service());
      return handler.handle(message);
    };
  }

  /** The configured options; dead letters are also kept in the service's schema for the operator. */
  private SubscriptionOptions subscriptionOptions() {
    return settings.subscriptions().withDeadLetters(deadLetters::record);
  }

  /** The messages this service's subscribers gave up on. */
  public DeadLetters deadLetters() {
    return deadLetters;
  }

  /** Opens the gRPC and HTTP ports. */
  public Future<Void> listen() {
    GrpcServer grpc = GrpcServer.server(vertx, new GrpcServerOptions()
        .setScheduleDeadlineAutomatically(true).setDeadlinePropagation(true)
        .setMaxMessageSize(RpcEndpoint.MAX_MESSAGE_BYTES));
    HealthService health = HealthService.create(vertx);
    health.register("", this::ready);
    endpoints.forEach(endpoint -> {
      grpc.addService(endpoint);
      health.register(endpoint.name().fullyQualifiedName(), this::ready);
    });
    grpc.addService(health).addService(ReflectionService.v1());

    Future<HttpServer> grpcListening = vertx.createHttpServer(settings.serverTls().applyTo(new HttpServerOptions()
            .setHost(settings.grpcHost()).setPort(settings.grpcPort())))
        .requestHandler(grpc).listen();
    Future<HttpServer> httpListening = vertx.createHttpServer(settings.serverTls().applyTo(new HttpServerOptions()
            .setHost(settings.httpHost()).setPort(settings.httpPort()).setCompressionSupported(true)))
        .requestHandler(HttpRoutes.create(vertx, settings.service(), readiness, endpoints, deadLetters,
            settings.auth().required() ? RpcAccess.bearers(tokens, Set.of()) : RpcAccess.ANYONE)).listen();
    return Future.all(grpcListening, httpListening).onSuccess(all -> {
      grpcServer = grpcListening.result();
      httpServer = httpListening.result();
      log.info("{} serving gRPC on {}:{} and HTTP on {}:{}{}{}", settings.service(), settings.grpcHost(),
          grpcServer.actualPort(), settings.httpHost(), httpServer.actualPort(),
          settings.serverTls().enabled() ? " over TLS (client certificates: "
              + settings.serverTls().clientAuth().name().toLowerCase(java.util.Locale.ROOT) + ")" : "",
          settings.auth().required() ? ", access tokens required" : ", no access token required (dev)");
    }).mapEmpty();
  }

  /** The gRPC port actually bound (useful when configured as 0). */
  public int grpcPort() {
    return grpcServer.actualPort();
  }

  /** The HTTP port actually bound (useful when configured as 0). */
  public int httpPort() {
    return httpServer.actualPort();
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
    return Future.join(servers)
        .eventually(() -> Future.join(subscriptions.stream().map(Subscription::close).toList()))
        .eventually(relay::stop)
        .eventually(stream::close)
        .eventually(database::close)
        .mapEmpty();
  }

  private Future<Boolean> ready() {
    return readiness.checkStatus().map(result -> result.getUp());
  }
}
