package io.mallbots.core.web;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.mallbots.core.rpc.JsonBridge;
import io.mallbots.core.rpc.RpcEndpoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The OpenAPI 3 description of a service's JSON bridge, derived from the proto descriptors so it can
 * never drift from the gRPC contract: one {@code POST} per RPC, one schema per message, field names in
 * protobuf's JSON form (lowerCamelCase), 64-bit integers as strings, timestamps as RFC 3339 strings.
 */
public final class OpenApiDocument {

  private OpenApiDocument() {
  }

  public static JsonObject of(String service, String version, List<RpcEndpoint> endpoints) {
    JsonObject schemas = new JsonObject().put("Error", new JsonObject().put("type", "object")
        .put("properties", new JsonObject()
            .put("code", new JsonObject().put("type", "string").put("example", "INVALID_ARGUMENT"))
            .put("message", new JsonObject().put("type", "string"))));
    JsonObject paths = new JsonObject();
    for (RpcEndpoint endpoint : endpoints) {
      for (RpcEndpoint.Rpc rpc : endpoint.rpcs()) {
        Descriptor input = rpc.method().getInputType();
        Descriptor output = rpc.method().getOutputType();
        addSchema(schemas, input);
        addSchema(schemas, output);
        paths.put(JsonBridge.path(service, rpc.method().getName()), new JsonObject().put("post", new JsonObject()
            .put("operationId", rpc.method().getName())
            .put("tags", new JsonArray().add(endpoint.descriptor().getName()))
            .put("summary", endpoint.descriptor().getFullName() + "/" + rpc.method().getName())
            .put("requestBody", new JsonObject().put("required", true).put("content", json(ref(input))))
            .put("responses", new JsonObject()
                .put("200", new JsonObject().put("description", "OK").put("content", json(ref(output))))
                .put("400", error("Invalid request (INVALID_ARGUMENT)"))
                .put("401", error("Not authenticated (UNAUTHENTICATED)"))
                .put("403", error("Not allowed (PERMISSION_DENIED)"))
                .put("404", error("Not found (NOT_FOUND)"))
                .put("409", error("Conflicts with the current state (FAILED_PRECONDITION, ALREADY_EXISTS)")))));
      }
    }
    return new JsonObject()
        .put("openapi", "3.0.3")
        .put("info", new JsonObject().put("title", "MallBots " + service).put("version", version)
            .put("description", "The " + service + " service's gRPC API as JSON over HTTP. Every RPC is a POST "
                + "of the request message; errors carry the gRPC status name in `code`."))
        .put("paths", paths)
        .put("components", new JsonObject().put("schemas", schemas));
  }

  private static void addSchema(JsonObject schemas, Descriptor message) {
    String name = schemaName(message);
    if (schemas.containsKey(name) || isWellKnown(message)) {
      return;
    }
    JsonObject properties = new JsonObject();
    schemas.put(name, new JsonObject().put("type", "object").put("properties", properties));
    for (FieldDescriptor field : message.getFields()) {
      properties.put(field.getJsonName(), fieldSchema(schemas, field));
    }
  }

  private static JsonObject fieldSchema(JsonObject schemas, FieldDescriptor field) {
    if (field.isMapField()) {
      FieldDescriptor value = field.getMessageType().findFieldByName("value");
      return new JsonObject().put("type", "object").put("additionalProperties", singleSchema(schemas, value));
    }
    JsonObject single = singleSchema(schemas, field);
    return field.isRepeated() ? new JsonObject().put("type", "array").put("items", single) : single;
  }

  private static JsonObject singleSchema(JsonObject schemas, FieldDescriptor field) {
    return switch (field.getJavaType()) {
      case INT -> new JsonObject().put("type", "integer").put("format", "int32");
      case LONG -> new JsonObject().put("type", "string").put("format", "int64");
      case FLOAT, DOUBLE -> new JsonObject().put("type", "number").put("format", "double");
      case BOOLEAN -> new JsonObject().put("type", "boolean");
      case STRING -> new JsonObject().put("type", "string");
      case BYTE_STRING -> new JsonObject().put("type", "string").put("format", "byte");
      case ENUM -> new JsonObject().put("type", "string").put("enum", new JsonArray(
          field.getEnumType().getValues().stream().map(EnumValueDescriptor::getName).toList()));
      case MESSAGE -> {
        Descriptor type = field.getMessageType();
        if (type.getFullName().equals("google.protobuf.Timestamp")) {
          yield new JsonObject().put("type", "string").put("format", "date-time");
        }
        addSchema(schemas, type);
        yield ref(type);
      }
    };
  }

  private static boolean isWellKnown(Descriptor message) {
    return message.getFullName().startsWith("google.protobuf.") && !message.getFullName().equals("google.protobuf.Empty");
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
    return new JsonObject().put("description", description)
        .put("content", json(new JsonObject().put("$ref", "#/components/schemas/Error")));
  }
}
