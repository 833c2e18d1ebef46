package io.mallbots.core.web;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.mallbots.common.v1.Access;
import io.mallbots.core.rpc.JsonBridge;
import io.mallbots.core.rpc.RpcAccess;
import io.mallbots.core.rpc.RpcEndpoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The OpenAPI 3 description of a service's JSON bridge, derived from the proto descriptors so it
 * can never drift from the gRPC contract: one {@code POST} per RPC, one schema per message, field
 * names in protobuf's JSON form (lowerCamelCase), 64-bit integers as strings, timestamps as RFC
 * 3339 strings. The proto comments become descriptions (when the contract's descriptor set is on
 * the class path, see {@code ProtoComments}), and every RPC whose access rule is not public asks
 * for a bearer token, so Swagger UI's "Authorize" sends one. Made once per service at start.
 */
public final class OpenApiDocument {

  private static final String BEARER = "bearerAuth";

  private OpenApiDocument() {}

  /** The document of {@code service}'s JSON bridge serving {@code endpoints}. */
  public static JsonObject of(String service, String version, List<RpcEndpoint> endpoints) {
    return of(service, version, endpoints, ProtoComments.loaded());
  }

  static JsonObject of(
      String service, String version, List<RpcEndpoint> endpoints, ProtoComments comments) {
    JsonObject schemas =
        new JsonObject()
            .put(
                "Error",
                new JsonObject()
                    .put("type", "object")
                    .put(
                        "properties",
                        new JsonObject()
                            .put(
                                "code",
                                new JsonObject()
                                    .put("type", "string")
                                    .put("example", "INVALID_ARGUMENT"))
                            .put("message", new JsonObject().put("type", "string"))));
    JsonObject paths = new JsonObject();
    JsonArray tags = new JsonArray();
    for (RpcEndpoint endpoint : endpoints) {
      tags.add(
          described(
              new JsonObject().put("name", endpoint.descriptor().getName()),
              comments.of(endpoint.descriptor().getFullName())));
      for (RpcEndpoint.Rpc rpc : endpoint.rpcs()) {
        Descriptor input = rpc.method().getInputType();
        Descriptor output = rpc.method().getOutputType();
        addSchema(schemas, input, comments);
        addSchema(schemas, output, comments);
        JsonObject operation =
            new JsonObject()
                .put("operationId", rpc.method().getName())
                .put("tags", new JsonArray().add(endpoint.descriptor().getName()))
                .put("summary", endpoint.descriptor().getFullName() + "/" + rpc.method().getName());
        described(operation, comments.of(rpc.method().getFullName()));
        if (RpcAccess.ruleOf(rpc.method()) != Access.ACCESS_PUBLIC) {
          operation.put(
              "security", new JsonArray().add(new JsonObject().put(BEARER, new JsonArray())));
        }
        paths.put(
            JsonBridge.path(service, rpc.method().getName()),
            new JsonObject()
                .put(
                    "post",
                    operation
                        .put(
                            "requestBody",
                            new JsonObject().put("required", true).put("content", json(ref(input))))
                        .put(
                            "responses",
                            new JsonObject()
                                .put(
                                    "200",
                                    new JsonObject()
                                        .put("description", "OK")
                                        .put("content", json(ref(output))))
                                .put("400", error("Invalid request (INVALID_ARGUMENT)"))
                                .put("401", error("Not authenticated (UNAUTHENTICATED)"))
                                .put("403", error("Not allowed (PERMISSION_DENIED)"))
                                .put("404", error("Not found (NOT_FOUND)"))
                                .put(
                                    "409",
                                    error(
                                        "Conflicts with the current state (FAILED_PRECONDITION, ALREADY_EXISTS)")))));
      }
    }
    return new JsonObject()
        .put("openapi", "3.0.3")
        .put(
            "info",
            new JsonObject()
                .put("title", "MallBots " + service)
                .put("version", version)
                .put(
                    "description",
                    "The "
                        + service
                        + " service's gRPC API as JSON over HTTP. Every RPC is a POST "
                        + "of the request message; errors carry the gRPC status name in `code`."))
        .put("tags", tags)
        .put("paths", paths)
        .put(
            "components",
            new JsonObject()
                .put("schemas", schemas)
                .put(
                    "securitySchemes",
                    new JsonObject()
                        .put(
                            BEARER,
                            new JsonObject()
                                .put("type", "http")
                                .put("scheme", "bearer")
                                .put("bearerFormat", "JWT")
                                .put(
                                    "description",
                                    "An access token from users' Login (or a service token)."))));
  }

  private static void addSchema(JsonObject schemas, Descriptor message, ProtoComments comments) {
    String name = schemaName(message);
    if (schemas.containsKey(name) || isWellKnown(message)) {
      return;
    }
    JsonObject properties = new JsonObject();
    schemas.put(
        name,
        described(new JsonObject().put("type", "object"), comments.of(message.getFullName()))
            .put("properties", properties));
    for (FieldDescriptor field : message.getFields()) {
      properties.put(field.getJsonName(), fieldSchema(schemas, field, comments));
    }
  }

  private static JsonObject fieldSchema(
      JsonObject schemas, FieldDescriptor field, ProtoComments comments) {
    String description = comments.of(field.getFullName());
    if (description.isEmpty() && field.getJavaType() == FieldDescriptor.JavaType.ENUM) {
      description = comments.of(field.getEnumType().getFullName());
    }
    if (field.isMapField()) {
      FieldDescriptor value = field.getMessageType().findFieldByName("value");
      return described(
          new JsonObject()
              .put("type", "object")
              .put("additionalProperties", singleSchema(schemas, value, comments)),
          description);
    }
    JsonObject single = singleSchema(schemas, field, comments);
    if (field.isRepeated()) {
      return described(new JsonObject().put("type", "array").put("items", single), description);
    }
    if (single.containsKey("$ref") && !description.isEmpty()) {
      // OpenAPI 3.0 ignores siblings of $ref: the description goes next to an allOf of the one
      // schema.
      return new JsonObject()
          .put("allOf", new JsonArray().add(single))
          .put("description", description);
    }
    return described(single, description);
  }

  private static JsonObject described(JsonObject schema, String description) {
    return description.isEmpty() ? schema : schema.put("description", description);
  }

  private static JsonObject singleSchema(
      JsonObject schemas, FieldDescriptor field, ProtoComments comments) {
    return switch (field.getJavaType()) {
      case INT -> new JsonObject().put("type", "integer").put("format", "int32");
      case LONG -> new JsonObject().put("type", "string").put("format", "int64");
      case FLOAT, DOUBLE -> new JsonObject().put("type", "number").put("format", "double");
      case BOOLEAN -> new JsonObject().put("type", "boolean");
      case STRING -> new JsonObject().put("type", "string");
      case BYTE_STRING -> new JsonObject().put("type", "string").put("format", "byte");
      case ENUM ->
          new JsonObject()
              .put("type", "string")
              .put(
                  "enum",
                  new JsonArray(
                      field.getEnumType().getValues().stream()
                          .map(EnumValueDescriptor::getName)
                          .toList()));
      case MESSAGE -> {
        Descriptor type = field.getMessageType();
        if (type.getFullName().equals("google.protobuf.Timestamp")) {
          yield new JsonObject().put("type", "string").put("format", "date-time");
        }
        addSchema(schemas, type, comments);
        yield ref(type);
      }
    };
  }

  private static boolean isWellKnown(Descriptor message) {
    return message.getFullName().startsWith("google.protobuf.")
        && !message.getFullName().equals("google.protobuf.Empty");
  }

  private static String schemaName(Descriptor message) {
    return message.getFullName().replace('.', '_');
  }

  private static JsonObject ref(Descriptor message) {
    return new JsonObject().put("$ref", "#/components/schemas/" + schemaName(message));
  }

  private static JsonObject json(JsonObject schema) {
    return new JsonObject().put("application/json", new JsonObject().put("schema", schema));
  }

  private static JsonObject error(String description) {
    return new JsonObject()
        .put("description", description)
        .put("content", json(new JsonObject().put("$ref", "#/components/schemas/Error")));
  }
}
