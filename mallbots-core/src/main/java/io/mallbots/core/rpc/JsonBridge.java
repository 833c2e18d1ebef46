package io.mallbots.core.rpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.util.List;

/**
 * Serves every RPC of a service over HTTP as {@code POST /v1/api/<service>/<Rpc>}: the body is the
 * request message in protobuf's canonical JSON, the answer the response message likewise, or
 * {@code {"code": "NOT_FOUND", "message": "..."}} with the matching HTTP status. Same handlers and
 * error mapping as gRPC, so no service writes REST code by hand.
 */
public final class JsonBridge {

  /** Bodies above this size are refused with 413 before parsing. */
  public static final long MAX_BODY_BYTES = RpcEndpoint.MAX_MESSAGE_BYTES;

  private static final JsonFormat.Parser PARSER = JsonFormat.parser();
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().alwaysPrintFieldsWithNoPresence()
      .omittingInsignificantWhitespace();

  private JsonBridge() {
  }

  /** The path of an RPC on the bridge. */
  public static String path(String service, String rpc) {
    return "/v1/api/" + service + "/" + rpc;
  }

  public static void mount(Router router, String service, List<RpcEndpoint> endpoints) {
    router.post("/v1/api/" + service + "/:rpc").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
        .handler(ctx -> serve(ctx, endpoints));
  }

  private static void serve(RoutingContext ctx, List<RpcEndpoint> endpoints) {
    String name = ctx.pathParam("rpc");
    RpcEndpoint.Rpc rpc = endpoints.stream().map(e -> e.rpc(name)).filter(r -> r != null).findFirst().orElse(null);
    if (rpc == null) {
      fail(ctx, new StatusException(GrpcStatus.NOT_FOUND, "no RPC named " + name));
      return;
    }
    Message request;
    try {
      Message.Builder builder = rpc.requestPrototype().newBuilderForType();
      String body = ctx.body().asString("UTF-8");
      if (body != null && !body.isBlank()) {
        String mismatch = JsonShape.mismatch(io.vertx.core.json.Json.decodeValue(body), builder.getDescriptorForType());
        if (mismatch != null) {
          throw new IllegalArgumentException(mismatch);
        }
        PARSER.merge(body, builder);
      }
      request = builder.build();
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      fail(ctx, new StatusException(GrpcStatus.INVALID_ARGUMENT, "malformed " + rpc.requestPrototype()
          .getDescriptorForType().getName() + ": " + e.getMessage()));
      return;
    }
    String client = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    rpc.invoke(request, "http", ctx.request().getHeader(HttpHeaders.AUTHORIZATION), client).onComplete(result -> {
      if (result.failed()) {
        fail(ctx, (StatusException) result.cause());
        return;
      }
      try {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(PRINTER.print(result.result()));
      } catch (InvalidProtocolBufferException e) {
        fail(ctx, RpcErrors.toStatus(name, e));
      }
    });
  }

  private static void fail(RoutingContext ctx, StatusException status) {
    JsonObject body = new JsonObject().put("code", status.status().name()).put("message", status.message());
    ctx.response().setStatusCode(RpcErrors.httpStatus(status.status()))
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
  }
}
