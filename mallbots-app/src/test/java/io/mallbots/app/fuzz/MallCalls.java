package io.mallbots.app.fuzz;

import io.mallbots.app.e2e.RunningMall;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import java.util.concurrent.TimeUnit;

/**
 * Calls an RPC of the running mall with raw bytes: over gRPC (any protobuf bytes, valid or not) and
 * over the JSON bridge (any body, valid JSON or not). The answer is what the caller saw, nothing
 * decoded away.
 */
final class MallCalls {

  /** What came back: the gRPC status or the HTTP status, and the body. */
  record Answer(
      GrpcStatus grpcStatus,
      int httpStatus,
      String contentType,
      Buffer body,
      String transportFailure) {

    boolean refused() {
      return grpcStatus != null ? grpcStatus != GrpcStatus.OK : httpStatus != 200;
    }

    @Override
    public String toString() {
      String shown =
          body == null
              ? ""
              : body.length() > 300 ? body.getString(0, 300) + "..." : body.toString();
      return transportFailure != null
          ? "transport failure " + transportFailure
          : grpcStatus != null
              ? "gRPC " + grpcStatus
              : "HTTP " + httpStatus + " " + contentType + " " + shown;
    }
  }

  private final RunningMall mall;
  private final GrpcClient grpc;

  MallCalls(RunningMall mall) {
    this.mall = mall;
    // A deadline on every call: a hung RPC fails the property instead of hanging the build.
    this.grpc =
        GrpcClient.client(
            mall.vertx(),
            new GrpcClientOptions()
                .setScheduleDeadlineAutomatically(true)
                .setTimeout(30)
                .setTimeoutUnit(TimeUnit.SECONDS)
                .setMaxMessageSize(64L * 1024 * 1024));
  }

  Answer grpc(MallRpcs.Rpc rpc, byte[] request) {
    Future<Answer> answer =
        grpc.request(mall.address(rpc.service()))
            .compose(
                call -> {
                  call.fullMethodName(rpc.fullName());
                  return call.send(Buffer.buffer(request))
                      .compose(
                          response ->
                              response
                                  .last()
                                  .map(body -> new Answer(response.status(), 0, null, body, null)));
                })
            .recover(
                failure -> {
                  if (failure instanceof InvalidStatusException status) {
                    return Future.succeededFuture(
                        new Answer(status.actualStatus(), 0, null, null, null));
                  }
                  return Future.succeededFuture(
                      new Answer(null, 0, null, null, failure.toString()));
                });
    return answer
        .timeout(15, TimeUnit.SECONDS)
        .recover(
            failure -> Future.succeededFuture(new Answer(null, 0, null, null, failure.toString())))
        .await();
  }

  Answer json(MallRpcs.Rpc rpc, Buffer body) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost("127.0.0.1")
            .setPort(mall.httpPort(rpc.service()))
            .setURI("/v1/api/" + rpc.service() + "/" + rpc.method().getName())
            .putHeader("content-type", "application/json");
    // A client of its own per call: no pool state (a connection a hostile call left behind) reaches
    // the next.
    HttpClient client = mall.vertx().createHttpClient(new HttpClientOptions().setKeepAlive(false));
    // The body is asked for in the callback that delivers the response, as a Vert.x client must: it
    // runs on the event loop before the body and the end are handed over. Chained one step further
    // out, it was attached by this test thread (no Vert.x thread), which now and then lagged a few
    // milliseconds behind the event loop: the response had ended by then, body() waited for an end
    // already gone, and the call seemed to hang although the server had answered at once.
    Future<Answer> answer =
        client
            .request(options)
            .compose(
                request ->
                    request
                        .send(body)
                        .compose(
                            response ->
                                response
                                    .body()
                                    .map(
                                        received ->
                                            new Answer(
                                                null,
                                                response.statusCode(),
                                                response.getHeader("content-type"),
                                                received,
                                                null))))
            .timeout(15, TimeUnit.SECONDS)
            .recover(
                failure ->
                    Future.succeededFuture(new Answer(null, 0, null, null, failure.toString())));
    return answer.eventually(client::close).await();
  }
}
