package io.mallbots.core.rpc;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.Service;
import io.vertx.grpc.server.StatusException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service's RPCs, bound once and served twice: over gRPC and over the JSON bridge
 * ({@link JsonBridge}), with the same handler, the same metrics and the same error mapping
 * ({@link RpcErrors}). The implementation is the generated Vert.x contract interface of the service
 * (e.g. {@code BasketService}, whose methods return {@code Future}); each RPC is found by the name
 * protoc gives it ({@code StartBasket} -> {@code startBasket}).
 */
public final class RpcEndpoint implements Service {

  private final ServiceName name;
  private final ServiceDescriptor descriptor;
  private final Map<String, Rpc> rpcs;

  private RpcEndpoint(ServiceDescriptor descriptor, Map<String, Rpc> rpcs) {
    this.name = ServiceName.create(descriptor.getFullName());
    this.descriptor = descriptor;
    this.rpcs = rpcs;
  }

  /**
   * Binds every RPC of {@code descriptor} to the method of {@code implementation} with the same name.
   * Fails at start if one is missing.
   */
  public static RpcEndpoint of(ServiceDescriptor descriptor, Object implementation) {
    Map<String, Rpc> rpcs = new LinkedHashMap<>();
    for (MethodDescriptor method : descriptor.getMethods()) {
      rpcs.put(method.getName(), Rpc.find(descriptor, method, implementation));
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
      ServiceMethod<Object, Message> method = ServiceMethod.server(name, rpc.method().getName(),
          GrpcMessageEncoder.encoder(), new RequestDecoder(rpc.requestPrototype()));
      server.callHandler(method, request -> serve(rpc, request));
    }
  }

  private void serve(Rpc rpc, GrpcServerRequest<Object, Message> request) {
    request.handler(decoded -> {
      if (decoded instanceof RequestDecoder.Malformed malformed) {
        request.response().status(GrpcStatus.INVALID_ARGUMENT).statusMessage(malformed.reason()).end();
        return;
      }
      answer(rpc, (Message) decoded, request);
    });
  }

  private static void answer(Rpc rpc, Message message, GrpcServerRequest<Object, Message> request) {
    rpc.invoke(message, "grpc").onComplete(result -> {
      if (result.succeeded()) {
        request.response().send(result.result());
      } else {
        request.response().fail(result.cause());
      }
    });
  }

  /** One RPC: the method descriptor, the request prototype and the implementation to call. */
  public static final class Rpc {
    private final MethodDescriptor method;
    private final Message requestPrototype;
    private final MethodHandle handle;
    private final String fullName;

    private Rpc(MethodDescriptor method, Message requestPrototype, MethodHandle handle) {
      this.method = method;
      this.requestPrototype = requestPrototype;
      this.handle = handle;
      this.fullName = method.getService().getName() + "/" + method.getName();
    }

    static Rpc find(ServiceDescriptor service, MethodDescriptor method, Object implementation) {
      String javaName = Character.toLowerCase(method.getName().charAt(0)) + method.getName().substring(1);
      for (Method candidate : implementation.getClass().getMethods()) {
        if (candidate.getName().equals(javaName) && candidate.getParameterCount() == 1
            && Future.class.isAssignableFrom(candidate.getReturnType())
            && Message.class.isAssignableFrom(candidate.getParameterTypes()[0])) {
          try {
            Message prototype = (Message) candidate.getParameterTypes()[0].getMethod("getDefaultInstance").invoke(null);
            MethodHandle handle = MethodHandles.publicLookup().unreflect(publicDeclaration(candidate))
                .bindTo(implementation);
            return new Rpc(method, prototype, handle);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot bind " + method.getFullName(), e);
          }
        }
      }
      throw new IllegalArgumentException(implementation.getClass().getName() + " does not implement "
          + service.getFullName() + "/" + method.getName() + " (expected a public method " + javaName + ")");
    }

    /** The method as a public type declares it (implementations are often package-private classes). */
    private static Method publicDeclaration(Method method) throws NoSuchMethodException {
      java.util.Deque<Class<?>> types = new java.util.ArrayDeque<>(List.of(method.getDeclaringClass()));
      while (!types.isEmpty()) {
        Class<?> type = types.pop();
        if (java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
          try {
            return type.getMethod(method.getName(), method.getParameterTypes());
          } catch (NoSuchMethodException notHere) {
            // keep looking in the supertypes
          }
        }
        if (type.getSuperclass() != null) {
          types.add(type.getSuperclass());
        }
        types.addAll(List.of(type.getInterfaces()));
      }
      throw new NoSuchMethodException("no public type declares " + method);
    }

    public MethodDescriptor method() {
      return method;
    }

    public Message requestPrototype() {
      return requestPrototype;
    }

    /** Calls the implementation; the future fails with a {@link StatusException} only. */
    @SuppressWarnings("unchecked")
    public Future<Message> invoke(Message request, String transport) {
      long started = System.nanoTime();
      Future<Message> result;
      try {
        result = (Future<Message>) handle.invoke(request);
      } catch (Throwable e) {
        result = Future.failedFuture(e);
      }
      return result.transform(done -> {
        GrpcStatus status = GrpcStatus.OK;
        Future<Message> outcome = done.succeeded() ? Future.succeededFuture(done.result()) : null;
        if (done.failed()) {
          StatusException mapped = RpcErrors.toStatus(fullName, done.cause());
          status = mapped.status();
          outcome = Future.failedFuture(mapped);
        }
        Timer.builder("mallbots.rpc").description("RPCs served, by method, transport and status")
            .tags("method", fullName, "transport", transport, "status", status.name())
            .register(Metrics.globalRegistry).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return outcome;
      });
    }
  }
}
