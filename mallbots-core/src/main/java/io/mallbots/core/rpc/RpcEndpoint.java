package io.mallbots.core.rpc;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import io.mallbots.common.v1.Access;
import io.mallbots.core.domain.Actor;
import io.mallbots.core.observability.TraceContext;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.Service;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One service's RPCs, bound once and served twice: over gRPC and over the JSON bridge ({@link
 * JsonBridge}), with the same access rule, the same handler, the same metrics and the same error
 * mapping ({@link RpcErrors}). The implementation is the generated Vert.x contract interface of the
 * service (e.g. {@code BasketService}, whose methods return {@code Future}); each RPC is found by
 * the name protoc gives it ({@code StartBasket} -> {@code startBasket}). A method may read its
 * request by throwing (a malformed value as {@code Invalid}) instead of returning a failed Future:
 * both are answered alike.
 *
 * <p>A call is first admitted ({@link Rpc#admit}): its token against the RPC's rule ({@link
 * RpcAccess}), then a place among the requests in flight ({@link RequestLimit}); only then is its
 * body read.
 */
public final class RpcEndpoint implements Service {

  /** The largest request or answer, over gRPC and JSON alike, for servers and clients: 4 MiB. */
  public static final long MAX_MESSAGE_BYTES = 4L * 1024 * 1024;

  private final ServiceName name;
  private final ServiceDescriptor descriptor;
  private final Map<String, Rpc> rpcs;

  private RpcEndpoint(ServiceDescriptor descriptor, Map<String, Rpc> rpcs) {
    this.name = ServiceName.create(descriptor.getFullName());
    this.descriptor = descriptor;
    this.rpcs = rpcs;
  }

  /**
   * Binds every RPC of {@code descriptor} to the method of {@code implementation} with the same
   * name, open to all.
   */
  public static RpcEndpoint of(ServiceDescriptor descriptor, Object implementation) {
    return of(
        descriptor, implementation, RpcAccess.OPEN, RequestLimit.NONE, IntakeSwitch.alwaysOpen());
  }

  /**
   * As {@link #of(ServiceDescriptor, Object)}, each call first admitted by {@code access} under its
   * RPC's rule, by {@code intake} (refused while paused, unless from a service) and by {@code
   * limit}. Fails at start if a method or a rule is missing.
   */
  public static RpcEndpoint of(
      ServiceDescriptor descriptor,
      Object implementation,
      RpcAccess access,
      RequestLimit limit,
      IntakeSwitch intake) {
    Map<String, Rpc> rpcs = new LinkedHashMap<>();
    for (MethodDescriptor method : descriptor.getMethods()) {
      rpcs.put(
          method.getName(), Rpc.find(descriptor, method, implementation, access, limit, intake));
    }
    return new RpcEndpoint(descriptor, rpcs);
  }

  @Override
  public ServiceName name() {
    return name;
  }

  @Override
  public ServiceDescriptor descriptor() {
    return descriptor;
  }

  /** The RPCs by name, in the order of the proto. */
  public Collection<Rpc> rpcs() {
    return rpcs.values();
  }

  /** The RPC called {@code method}, or {@code null}. */
  public Rpc rpc(String method) {
    return rpcs.get(method);
  }

  @Override
  public void bind(GrpcServer server) {
    for (Rpc rpc : rpcs.values()) {
      ServiceMethod<Object, Message> method =
          ServiceMethod.server(
              name,
              rpc.method().getName(),
              GrpcMessageEncoder.encoder(),
              new RequestDecoder(rpc.requestPrototype()));
      server.callHandler(method, request -> serve(rpc, request));
    }
  }

  private static void serve(Rpc rpc, GrpcServerRequest<Object, Message> request) {
    String client =
        request.connection().remoteAddress() == null
            ? null
            : request.connection().remoteAddress().hostAddress();
    Rpc.Call call;
    try {
      call =
          rpc.admit(
              request.headers().get("authorization"),
              request.headers().get(IntakeSwitch.CALLER_HEADER),
              "grpc");
    } catch (RpcRefusal refused) {
      answer(request, refused);
      return;
    }
    request.exceptionHandler(broken -> call.abandon());
    request.endHandler(
        end -> {
          if (!call.started()) {
            call.abandon();
          }
        });
    request.handler(
        decoded -> {
          if (decoded instanceof RequestDecoder.Malformed malformed) {
            call.abandon();
            request
                .response()
                .status(GrpcStatus.INVALID_ARGUMENT)
                .statusMessage(malformed.reason())
                .end();
            return;
          }
          call.invoke((Message) decoded, client)
              .onComplete(
                  result -> {
                    if (result.succeeded()) {
                      request.response().send(result.result());
                    } else {
                      answer(request, (RpcRefusal) result.cause());
                    }
                  });
        });
  }

  private static void answer(GrpcServerRequest<Object, Message> request, RpcRefusal refusal) {
    if (refusal.retryAfter() != null) {
      request
          .response()
          .trailers()
          .set(RpcRefusal.RETRY_AFTER_MS_TRAILER, Long.toString(refusal.retryAfter().toMillis()));
    }
    request.response().fail(refusal.status());
  }

  /**
   * One RPC: the method descriptor, its access rule, the request prototype and the implementation
   * to call.
   */
  public static final class Rpc {
    private final MethodDescriptor method;
    private final Access rule;
    private final Message requestPrototype;
    private final MethodHandle handle;
    private final RpcAccess access;
    private final RequestLimit limit;
    private final IntakeSwitch intake;
    private final String fullName;
    private final String service;

    /** This RPC's timers by transport and status, built once: every call records in one. */
    private final Map<String, Map<GrpcStatus, Timer>> timers = new ConcurrentHashMap<>();

    private Rpc(
        MethodDescriptor method,
        Message requestPrototype,
        MethodHandle handle,
        RpcAccess access,
        RequestLimit limit,
        IntakeSwitch intake) {
      this.method = method;
      this.rule = RpcAccess.ruleOf(method);
      this.requestPrototype = requestPrototype;
      this.handle = handle;
      this.access = access;
      this.limit = limit;
      this.intake = intake;
      this.fullName = method.getService().getName() + "/" + method.getName();
      this.service = serviceOf(method.getService());
    }

    static Rpc find(
        ServiceDescriptor service,
        MethodDescriptor method,
        Object implementation,
        RpcAccess access,
        RequestLimit limit,
        IntakeSwitch intake) {
      String javaName =
          Character.toLowerCase(method.getName().charAt(0)) + method.getName().substring(1);
      for (Method candidate : implementation.getClass().getMethods()) {
        if (candidate.getName().equals(javaName)
            && candidate.getParameterCount() == 1
            && Future.class.isAssignableFrom(candidate.getReturnType())
            && Message.class.isAssignableFrom(candidate.getParameterTypes()[0])) {
          try {
            Message prototype =
                (Message)
                    candidate.getParameterTypes()[0].getMethod("getDefaultInstance").invoke(null);
            MethodHandle handle =
                MethodHandles.publicLookup()
                    .unreflect(PublicDeclarations.of(candidate))
                    .bindTo(implementation);
            return new Rpc(method, prototype, handle, access, limit, intake);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot bind " + method.getFullName(), e);
          }
        }
      }
      throw new IllegalArgumentException(
          implementation.getClass().getName()
              + " does not implement "
              + service.getFullName()
              + "/"
              + method.getName()
              + " (expected a public method "
              + javaName
              + ")");
    }

    @SuppressWarnings("unchecked")
    private Future<Message> call(Message request) {
      try {
        return (Future<Message>) handle.invoke(request);
      } catch (Throwable e) {
        return Future.failedFuture(e);
      }
    }

    /**
     * Names the server span Vert.x started for this request after the RPC and makes it the unit of
     * work whose context the events raised by the call carry (see {@link TraceContext}).
     */
    private void traceAsServerSpan(String transport) {
      Span server = Span.current();
      server.updateName(fullName);
      server.setAttribute("rpc.system", transport.equals("grpc") ? "grpc" : "json");
      server.setAttribute("rpc.service", method.getService().getFullName());
      server.setAttribute("rpc.method", method.getName());
      server.setAttribute("mallbots.service", serviceOf(method.getService()));
      TraceContext.beginWork(io.opentelemetry.context.Context.current());
    }

    /** {@code baskets} for {@code mallbots.baskets.v1.BasketService}. */
    private static String serviceOf(ServiceDescriptor service) {
      String[] parts = service.getFile().getPackage().split("\\.");
      return parts.length > 1 ? parts[1] : service.getName();
    }

    public MethodDescriptor method() {
      return method;
    }

    /** Who may call it (the RPC's option in its proto). */
    public Access rule() {
      return rule;
    }

    public Message requestPrototype() {
      return requestPrototype;
    }

    /**
     * Admits a call whose {@code authorization} and {@value IntakeSwitch#CALLER_HEADER} headers
     * (either may be null) came over {@code transport}, before its body is read: the RPC's access
     * rule, the intake switch, then a place among the requests in flight. A refused call is counted
     * and fails with an {@link RpcRefusal}; an admitted one must be {@linkplain Call#invoke
     * invoked} or {@linkplain Call#abandon abandoned}.
     */
    public Call admit(String authorization, String caller, String transport) {
      long started = System.nanoTime();
      traceAsServerSpan(transport);
      try {
        Actor actor = access.admit(rule, fullName, authorization);
        intake.admit(actor, authorization, caller);
        limit.acquire();
        return new Call(actor, transport, started);
      } catch (RuntimeException refused) {
        RpcRefusal refusal = RpcRefusal.of(fullName, refused);
        record(transport, refusal.status().status(), started);
        throw refusal;
      }
    }

    private void record(String transport, GrpcStatus status, long started) {
      timers
          .computeIfAbsent(transport, t -> new ConcurrentHashMap<>())
          .computeIfAbsent(status, s -> timer(transport, s))
          .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private Timer timer(String transport, GrpcStatus status) {
      return Timer.builder("mallbots.rpc")
          .description("RPCs served, by service, method, transport and status")
          .tags(
              "service",
              service,
              "method",
              fullName,
              "transport",
              transport,
              "status",
              status.name())
          .publishPercentileHistogram()
          .minimumExpectedValue(java.time.Duration.ofMillis(1))
          .maximumExpectedValue(java.time.Duration.ofSeconds(30))
          .register(Metrics.globalRegistry);
    }

    /**
     * An admitted call: it holds a place among the requests in flight until it is answered or
     * abandoned.
     */
    public final class Call {
      private final Actor actor;
      private final String transport;
      private final long started;
      private final AtomicBoolean released = new AtomicBoolean();
      private volatile boolean invoked;

      private Call(Actor actor, String transport, long started) {
        this.actor = actor;
        this.transport = transport;
        this.started = started;
      }

      /** Who calls. */
      public Actor actor() {
        return actor;
      }

      boolean started() {
        return invoked;
      }

      /**
       * Calls the implementation with {@code request}, sent from {@code clientAddress} (may be
       * null); the future fails with an {@link RpcRefusal} only.
       */
      public Future<Message> invoke(Message request, String clientAddress) {
        invoked = true;
        Future<Message> result;
        try {
          result = RpcCaller.as(actor, clientAddress, () -> call(request));
        } catch (Throwable e) {
          result = Future.failedFuture(e);
        }
        return result.transform(
            done -> {
              abandon();
              if (done.succeeded()) {
                record(transport, GrpcStatus.OK, started);
                return Future.succeededFuture(done.result());
              }
              RpcRefusal refusal = RpcRefusal.of(fullName, done.cause());
              record(transport, refusal.status().status(), started);
              return Future.failedFuture(refusal);
            });
      }

      /**
       * Gives the call's place back without invoking it (a malformed or broken request).
       * Idempotent.
       */
      public void abandon() {
        if (released.compareAndSet(false, true)) {
          limit.release();
        }
      }
    }
  }
}
