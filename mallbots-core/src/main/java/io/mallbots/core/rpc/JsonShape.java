package io.mallbots.core.rpc;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a JSON request has the types its message declares before protobuf's parser sees it:
 * that parser quietly turns {@code 5} into {@code "5"} for a string field, and the bridge refuses
 * wrong types instead. Numbers may be strings only where protobuf's JSON mapping allows it (64-bit
 * integers, and NaN/Infinity for floating point).
 */
final class JsonShape {

  private static final Set<String> SPECIAL_FLOATS = Set.of("NaN", "Infinity", "-Infinity");

  private JsonShape() {}

  /** The first mismatch as a message for the caller, or {@code null} when the shape fits. */
  static String mismatch(Object json, Descriptor message) {
    if (!(json instanceof JsonObject object)) {
      return "the body must be a JSON object";
    }
    return checkObject(object, message, "");
  }

  private static String checkObject(JsonObject object, Descriptor message, String path) {
    if (message.getFullName().startsWith("google.protobuf.")) {
      return null; // well-known types have their own JSON forms; protobuf's parser checks them
    }
    for (Map.Entry<String, Object> entry : object) {
      FieldDescriptor field = message.findFieldByName(entry.getKey());
      if (field == null) {
        field =
            message.getFields().stream()
                .filter(f -> f.getJsonName().equals(entry.getKey()))
                .findFirst()
                .orElse(null);
      }
      if (field == null || entry.getValue() == null) {
        continue; // unknown fields and nulls: protobuf's parser decides
      }
      String where = path + entry.getKey();
      String problem =
          field.isMapField()
              ? checkMap(entry.getValue(), field, where)
              : field.isRepeated()
                  ? checkList(entry.getValue(), field, where)
                  : checkValue(entry.getValue(), field, where);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String checkList(Object value, FieldDescriptor field, String where) {
    if (!(value instanceof JsonArray array)) {
      return where + " must be an array";
    }
    for (int i = 0; i < array.size(); i++) {
      String problem = checkValue(array.getValue(i), field, where + "[" + i + "]");
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String checkMap(Object value, FieldDescriptor field, String where) {
    if (!(value instanceof JsonObject object)) {
      return where + " must be an object";
    }
    FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
    for (Map.Entry<String, Object> entry : object) {
      String problem = checkValue(entry.getValue(), valueField, where + "." + entry.getKey());
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String checkValue(Object value, FieldDescriptor field, String where) {
    return switch (field.getJavaType()) {
      case STRING, BYTE_STRING -> value instanceof String ? null : where + " must be a string";
      case BOOLEAN -> value instanceof Boolean ? null : where + " must be true or false";
      case INT -> value instanceof Number ? null : where + " must be a number";
      case LONG ->
          value instanceof Number || value instanceof String ? null : where + " must be a number";
      case FLOAT, DOUBLE ->
          value instanceof Number || (value instanceof String s && SPECIAL_FLOATS.contains(s))
              ? null
              : where + " must be a number";
      case ENUM ->
          value instanceof String || value instanceof Number
              ? null
              : where + " must be an enum name";
      case MESSAGE -> {
        if (field.getMessageType().getFullName().startsWith("google.protobuf.")) {
          yield null;
        }
        yield value instanceof JsonObject object
            ? checkObject(object, field.getMessageType(), where + ".")
            : where + " must be an object";
      }
    };
  }
}
