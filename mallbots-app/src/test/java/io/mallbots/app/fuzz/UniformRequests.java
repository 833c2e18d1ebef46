package io.mallbots.app.fuzz;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;

/**
 * A request with every field (and one element of every repeated field, and every nested message's
 * fields) set to the same kind of bad value: the classic cases every RPC must survive, tried on
 * all.
 */
record UniformRequests(
    String text, double number, int count, long big, int enumNumber, boolean flag) {

  Message of(Descriptor type) {
    return build(type, 0);
  }

  private Message build(Descriptor type, int depth) {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    for (FieldDescriptor field : type.getFields()) {
      if (field.getContainingOneof() != null
          && field.getIndex() != field.getContainingOneof().getField(0).getIndex()) {
        continue; // one member of a oneof is enough
      }
      Object value = value(field, depth);
      if (value == null) {
        continue;
      }
      if (field.isRepeated()) {
        builder.addRepeatedField(field, value);
      } else {
        builder.setField(field, value);
      }
    }
    return builder.build();
  }

  private Object value(FieldDescriptor field, int depth) {
    return switch (field.getJavaType()) {
      case STRING -> text;
      case BYTE_STRING -> com.google.protobuf.ByteString.copyFromUtf8(text);
      case INT -> count;
      case LONG -> big;
      case DOUBLE -> number;
      case FLOAT -> (float) number;
      case BOOLEAN -> flag;
      case ENUM -> field.getEnumType().findValueByNumberCreatingIfUnknown(enumNumber);
      case MESSAGE -> depth < 3 ? build(field.getMessageType(), depth + 1) : null;
    };
  }
}
