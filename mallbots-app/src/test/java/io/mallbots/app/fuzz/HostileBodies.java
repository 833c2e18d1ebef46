package io.mallbots.app.fuzz;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a request message into what goes on the wire, well-formed or not: protobuf bytes with
 * invalid UTF-8 in a string, unknown or truncated fields, garbage; JSON with wrong types,
 * undeclared enum names, broken syntax or invalid UTF-8.
 */
final class HostileBodies {

  /** Not UTF-8: a lone continuation byte, an overlong form, a truncated sequence, 0xFF. */
  static final byte[] INVALID_UTF8 = {
    (byte) 0x80, (byte) 0xC0, (byte) 0xAF, (byte) 0xE2, (byte) 0x82, (byte) 0xFF
  };

  /** JSON values of every type, most of them wrong for any given field. */
  static final List<Object> ANY_JSON =
      List.of(
          42,
          -1.5,
          true,
          "text",
          "NOT_A_VALUE",
          new JsonArray().add(1).add("a"),
          new JsonObject().put("nested", 1),
          new JsonArray(),
          new JsonObject(),
          "NaN",
          "1e400",
          Long.MAX_VALUE);

  /** Bodies that are not a JSON object of the request. */
  static final List<String> MALFORMED_JSON =
      List.of(
          "",
          "null",
          "[]",
          "42",
          "\"text\"",
          "{",
          "{\"a\":",
          "}{",
          "{'single': 'quotes'}",
          "{\"a\":1,}",
          "[".repeat(5000) + "]".repeat(5000),
          "{\"x\":" + "[".repeat(5000) + "}",
          "{\"id\": 1e400}",
          "{\"id\": \"a\", \"id\": \"b\"}",
          "\u0000",
          "{\"\\ud800\": \"\\udc00\\ud800\"}");

  private HostileBodies() {}

  /** The message's JSON as the bridge expects it, or {@code {}} for values JSON cannot express. */
  static JsonObject json(Message message) {
    try {
      return new JsonObject(JsonFormat.printer().print(message));
    } catch (IOException | RuntimeException unprintable) {
      return new JsonObject(); // e.g. a timestamp out of range: protobuf refuses to print it
    }
  }

  static Buffer text(String body) {
    return Buffer.buffer(body.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code body} with {@code field} set to {@code value}. */
  static Buffer withField(JsonObject body, String field, Object value) {
    JsonObject copy = body.copy();
    copy.put(field, value);
    String encoded = copy.encode();
    if ("1e400".equals(value) || "NaN".equals(value)) {
      encoded =
          encoded.replace(
              "\"" + value + "\"", value.toString()); // bare, as a careless client writes it
    }
    return text(encoded);
  }

  /** {@code body} with invalid UTF-8 bytes inside the string value of {@code field}. */
  static Buffer withInvalidUtf8(JsonObject body, String field) {
    String marker = "@@not-utf8@@";
    byte[] encoded = body.copy().put(field, marker).encode().getBytes(StandardCharsets.UTF_8);
    byte[] mark = marker.getBytes(StandardCharsets.UTF_8);
    int at = indexOf(encoded, mark);
    Buffer out = Buffer.buffer();
    out.appendBytes(Arrays.copyOfRange(encoded, 0, at))
        .appendBytes(INVALID_UTF8)
        .appendBytes(Arrays.copyOfRange(encoded, at + mark.length, encoded.length));
    return out;
  }

  /**
   * The message's bytes with a string field carrying invalid UTF-8 (gRPC lets any bytes through).
   */
  static byte[] withInvalidUtf8(Message message, FieldDescriptor stringField) {
    return append(
        message.toByteArray(), out -> out.writeByteArray(stringField.getNumber(), INVALID_UTF8));
  }

  /** The message's bytes with a field no version of the contract declares. */
  static byte[] withUnknownField(Message message) {
    return append(message.toByteArray(), out -> out.writeString(4242, "from the future"));
  }

  /** A message whose last field is cut in the middle. */
  static byte[] truncated(Message message) {
    byte[] bytes = append(message.toByteArray(), out -> out.writeString(4243, "cut off here"));
    return Arrays.copyOf(bytes, bytes.length - 5);
  }

  static List<FieldDescriptor> stringFields(Descriptor type) {
    return type.getFields().stream()
        .filter(f -> f.getJavaType() == FieldDescriptor.JavaType.STRING)
        .toList();
  }

  private interface Writer {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] append(byte[] start, Writer writer) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      bytes.write(start);
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      writer.write(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("marker not found");
  }
}
