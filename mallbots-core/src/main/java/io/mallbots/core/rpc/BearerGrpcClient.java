package io.mallbots.core.rpc;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.Address;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.ServiceMethod;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A gRPC client whose every call carries an access token ({@code authorization: Bearer <token>}): a
 * service's own, made for the service it calls (its audience, e.g. {@code stores} for {@code
 * mallbots.stores.v1.StoresService}), or a shopper's or partner's from users' Login.
 */
public final class BearerGrpcClient implements GrpcClient {

  private final GrpcClient client;
  private final Function<String, String> tokenFor;
  private final String caller;

  /** Each call asks {@code token} for the token to send (it may renew it), whoever it calls. */
  public BearerGrpcClient(GrpcClient client, Supplier<String> token) {
    this(client, audience -> token.get());
  }

  /**
   * Each call asks {@code tokenFor} for the token to send to the service it calls, named as in its
   * proto package ({@code stores}). A call that names no method carries no token.
   */
  public BearerGrpcClient(GrpcClient client, Function<String, String> tokenFor) {
    this(client, tokenFor, null);
  }

  private BearerGrpcClient(GrpcClient client, Function<String, String> tokenFor, String caller) {
    this.client = client;
    this.tokenFor = tokenFor;
    this.caller = caller;
  }

  /**
   * Service {@code caller}'s client: each call carries {@code tokenFor}'s token for the service it
   * calls ({@code null}: none, where the mall has no service key) and names {@code caller} in
   * {@value IntakeSwitch#CALLER_HEADER}, which a service paused for a broker swap trusts only where
   * no token can be checked ({@link IntakeSwitch}).
   */
  public static GrpcClient ofService(
      GrpcClient client, String caller, Function<String, String> tokenFor) {
    return new BearerGrpcClient(client, tokenFor, caller);
  }

  @Override
  public Future<GrpcClientRequest<Buffer, Buffer>> request(Address server) {
    return client.request(server);
  }

  @Override
  public Future<GrpcClientRequest<Buffer, Buffer>> request() {
    return client.request();
  }

  @Override
  public <Req, Resp> Future<GrpcClientRequest<Req, Resp>> request(
      Address server, ServiceMethod<Resp, Req> method) {
    return client.request(server, method).map(request -> authorized(request, method));
  }

  @Override
  public <Req, Resp> Future<GrpcClientRequest<Req, Resp>> request(ServiceMethod<Resp, Req> method) {
    return client.request(method).map(request -> authorized(request, method));
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }

  private <Req, Resp> GrpcClientRequest<Req, Resp> authorized(
      GrpcClientRequest<Req, Resp> request, ServiceMethod<Resp, Req> method) {
    if (tokenFor != null) {
      request.headers().set("authorization", "Bearer " + tokenFor.apply(audienceOf(method)));
    }
    if (caller != null) {
      request.headers().set(IntakeSwitch.CALLER_HEADER, caller);
    }
    return request;
  }

  /** {@code stores} for a method of {@code mallbots.stores.v1.StoresService}. */
  static String audienceOf(ServiceMethod<?, ?> method) {
    String[] parts = method.serviceName().packageName().split("\\.");
    return parts.length > 1 ? parts[1] : method.serviceName().name();
  }
}
