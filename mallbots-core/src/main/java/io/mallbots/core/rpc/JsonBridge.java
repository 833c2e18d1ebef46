package io.mallbots.core.rpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.util.List;

/**
 * Serves every RPC of a service over HTTP as {@code POST /v1/api/<service>/<Rpc>}: the body is the
 * request message in protobuf's canonical JSON, the answer the response message likewise, or {@code
 * {"code": "NOT_FOUND", "message": "..."}} with the matching HTTP status. Same handlers and error
 * mapping as gRPC, so no service writes REST code by hand.
 */
public final class JsonBridge {

  /** Bodies above this size are refused with 413 before parsing. */
  public static final long MAX_BODY_BYTES = RpcEndpoint.MAX_MESSAGE_BYTES;

  private static final String CALL = "mallbots.call";
  private static final String RPC = "mallbots.rpc";
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace();

  private JsonBridge() {}

  /** The path of an RPC on the bridge. */
  public static String path(String service, String rpc) {
    return "/v1/api/" + service + "/" + rpc;
  }

  public static void mount(Router router, String service, List<RpcEndpoint> endpoints) {
    // Admission before the body handler: a caller the rule refuses, or one over the limit, is
    // answered before a byte of its body is read. Vert.x Web lets only a security policy handler
    // run before the body handler.
    router
        .post("/v1/api/" + service + "/:rpc")
        .handler((SecurityPolicyHandler) ctx -> admit(ctx, endpoints))
        .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
        .handler(JsonBridge::serve);
  }

  private static void admit(RoutingContext ctx, List<RpcEndpoint> endpoints) {
    String name = ctx.pathParam("rpc");
    RpcEndpoint.Rpc rpc =
        endpoints.stream().map(e -> e.rpc(name)).filter(r -> r != null).findFirst().orElse(null);
    if (rpc == null) {
      fail(
          ctx,
          new RpcRefusal(new StatusException(GrpcStatus.NOT_FOUND, "no RPC named " + name), null));
      return;
    }
    RpcEndpoint.Rpc.Call call;
    try {
      call =
          rpc.admit(
              ctx.request().getHeader(HttpHeaders.AUTHORIZATION),
              ctx.request().getHeader(IntakeSwitch.CALLER_HEADER),
              "http");
    } catch (RpcRefusal refused) {
      fail(ctx, refused);
      return;
    }
    // Released however the exchange ends: answered, a body over the limit, or the client gone.
    ctx.addEndHandler(ended -> call.abandon());
    ctx.put(CALL, call).put(RPC, rpc);
    ctx.next();
  }

  private static void serve(RoutingContext ctx) {
    RpcEndpoint.Rpc rpc = ctx.get(RPC);
    RpcEndpoint.Rpc.Call call = ctx.get(CALL);
    Message request;
    try {
      Message.Builder builder = rpc.requestPrototype().newBuilderForType();
      String body = ctx.body().asString("UTF-8");
      if (body != null && !body.isBlank()) {
        String mismatch =
            JsonShape.mismatch(
                io.vertx.core.json.Json.decodeValue(body), builder.getDescriptorForType());
        if (mismatch != null) {
          throw new IllegalArgumentException(mismatch);
        }
        PARSER.merge(body, builder);
      }
      request = builder.build();
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      call.abandon();
      fail(
          ctx,
          new RpcRefusal(
              new StatusException(
                  GrpcStatus.INVALID_ARGUMENT,
                  RpcErrors.bounded(
                      "malformed "
                          + rpc.requestPrototype().getDescriptorForType().getName()
                          + ": "
                          + e.getMessage())),
              null));
      return;
    }
    String client =
        ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    call.invoke(request, client)
        .onComplete(
            result -> {
              if (result.failed()) {
                fail(ctx, (RpcRefusal) result.cause());
                return;
              }
              try {
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(PRINTER.print(result.result()));
              } catch (InvalidProtocolBufferException e) {
                fail(ctx, RpcRefusal.of(rpc.method().getName(), e));
              }
            });
  }

  private static void fail(RoutingContext ctx, RpcRefusal refusal) {
    StatusException status = refusal.status();
    JsonObject body =
        new JsonObject().put("code", status.status().name()).put("message", status.message());
    if (refusal.retryAfter() != null) {
      // Whole seconds, rounded up, as HTTP wants them.
      ctx.response()
          .putHeader(
              HttpHeaders.RETRY_AFTER,
              Long.toString(Math.max(1, (refusal.retryAfter().toMillis() + 999) / 1000)));
    }
    ctx.response()
        .setStatusCode(RpcErrors.httpStatus(status.status()))
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.encode());
  }
}
