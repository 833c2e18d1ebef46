package io.mallbots.core.rpc;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.Address;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.ServiceMethod;
import java.util.function.Supplier;

/**
 * A gRPC client whose every call carries an access token ({@code authorization: Bearer <token>}): a
 * service's own, to call the others, or a shopper's or partner's from users' Login.
 */
public final class BearerGrpcClient implements GrpcClient {

  private final GrpcClient client;
  private final Supplier<String> token;

  /** Each call asks {@code token} for the token to send (it may renew it). */
  public BearerGrpcClient(GrpcClient client, Supplier<String> token) {
    this.client = client;
    this.token = token;
  }

  @Override
  public Future<GrpcClientRequest<Buffer, Buffer>> request(Address server) {
    return client.request(server).map(this::authorized);
  }

  @Override
  public Future<GrpcClientRequest<Buffer, Buffer>> request() {
    return client.request().map(this::authorized);
  }

  @Override
  public <Req, Resp> Future<GrpcClientRequest<Req, Resp>> request(Address server, ServiceMethod<Resp, Req> method) {
    return client.request(server, method).map(this::authorized);
  }

  @Override
  public <Req, Resp> Future<GrpcClientRequest<Req, Resp>> request(ServiceMethod<Resp, Req> method) {
    return client.request(method).map(this::authorized);
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }

  private <Req, Resp> GrpcClientRequest<Req, Resp> authorized(GrpcClientRequest<Req, Resp> request) {
    request.headers().set("authorization", "Bearer " + token.get());
    return request;
  }
}
