package io.mallbots.app.secure;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Message;
import io.mallbots.app.e2e.RunningMall;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import java.util.concurrent.TimeUnit;

/**
 * Calls any RPC of the running mall with a given token (or none), over gRPC or the JSON bridge, and
 * tells what the caller saw: the status and its message. Nothing is decoded away.
 */
final class CallsAs {

  /** What came back; {@code status} is the gRPC status, or the JSON bridge's {@code code}. */
  record Answer(GrpcStatus status, String message, byte[] body) {

    Answer(GrpcStatus status, String message) {
      this(status, message, new byte[0]);
    }

    /** Refused for who the caller is: by the RPC's rule, or by the domain's ownership check. */
    boolean deniedForCaller() {
      return status == GrpcStatus.UNAUTHENTICATED || status == GrpcStatus.PERMISSION_DENIED;
    }

    /**
     * Refused by the RPC's rule itself: no valid token, or a token of the wrong kind ("... is for
     * the mall's own services only"); the domain's refusals say whose the thing is instead.
     */
    boolean deniedByRule() {
      return status == GrpcStatus.UNAUTHENTICATED
          || status == GrpcStatus.PERMISSION_DENIED
              && message != null
              && message.contains(" is for the mall's ");
    }

    @Override
    public String toString() {
      return status + " (" + message + ")";
    }
  }

  private final RunningMall mall;
  private final GrpcClient grpc;
  private final WebClient http;

  CallsAs(RunningMall mall) {
    this.mall = mall;
    this.grpc = GrpcClient.client(mall.vertx());
    this.http = WebClient.create(mall.vertx());
  }

  /**
   * Service {@code service} (as the launcher names it) is asked {@code method} with {@code
   * request}.
   */
  Answer grpc(String service, MethodDescriptor method, Message request, String token) {
    Future<Answer> answer =
        grpc.request(mall.address(service))
            .compose(
                call -> {
                  call.fullMethodName(method.getService().getFullName() + "/" + method.getName());
                  if (token != null) {
                    call.headers().set("authorization", "Bearer " + token);
                  }
                  // The status and its message come with the trailers, whether the call ended well
                  // or not.
                  return call.send(Buffer.buffer(request.toByteArray()))
                      .compose(
                          response ->
                              response
                                  .last()
                                  .map(
                                      body ->
                                          new Answer(
                                              response.status(),
                                              response.statusMessage(),
                                              body.getBytes()))
                                  .otherwise(
                                      failed ->
                                          new Answer(response.status(), response.statusMessage())));
                });
    return answer.timeout(30, TimeUnit.SECONDS).await();
  }

  /** The same over the JSON bridge, with an empty JSON body. */
  Answer json(String service, MethodDescriptor method, String token) {
    var request =
        http.post(
            mall.httpPort(service), "127.0.0.1", "/v1/api/" + service + "/" + method.getName());
    if (token != null) {
      request.putHeader("authorization", "Bearer " + token);
    }
    var response = request.sendJsonObject(new JsonObject()).timeout(30, TimeUnit.SECONDS).await();
    if (response.statusCode() == 200) {
      return new Answer(GrpcStatus.OK, null);
    }
    JsonObject body = response.bodyAsJsonObject();
    return new Answer(GrpcStatus.valueOf(body.getString("code")), body.getString("message"));
  }
}
