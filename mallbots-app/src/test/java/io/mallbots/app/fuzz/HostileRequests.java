package io.mallbots.app.fuzz;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Request messages of any RPC, built by walking its message descriptor: every field absent or
 * filled with a hostile value of its type, repeated fields with a few elements, nested messages a
 * few levels deep, enums with undeclared numbers, timestamps out of range.
 */
final class HostileRequests {

  private static final int MAX_DEPTH = 3;

  private final HostileValues values;

  HostileRequests(HostileValues values) {
    this.values = values;
  }

  Arbitrary<Message> of(Descriptor type) {
    return message(type, 0).map(builder -> builder.build());
  }

  private Arbitrary<DynamicMessage.Builder> message(Descriptor type, int depth) {
    List<Arbitrary<Optional<BiConsumer<DynamicMessage.Builder, FieldDescriptor>>>> fields =
        new ArrayList<>();
    List<FieldDescriptor> order = new ArrayList<>();
    for (FieldDescriptor field : type.getFields()) {
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && depth >= MAX_DEPTH) {
        continue;
      }
      order.add(field);
      fields.add(setter(field, depth).optional(0.7));
    }
    if (fields.isEmpty()) {
      return Arbitraries.just(type).map(DynamicMessage::newBuilder);
    }
    return Combinators.combine(fields)
        .as(
            setters -> {
              DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
              for (int i = 0; i < setters.size(); i++) {
                FieldDescriptor field = order.get(i);
                setters.get(i).ifPresent(set -> set.accept(builder, field));
              }
              return builder;
            });
  }

  /** How to fill one field: a value, or a few for a repeated field. */
  private Arbitrary<BiConsumer<DynamicMessage.Builder, FieldDescriptor>> setter(
      FieldDescriptor field, int depth) {
    Arbitrary<Object> one = value(field, depth);
    if (field.isRepeated()) {
      return one.list()
          .ofMaxSize(3)
          .map(list -> (builder, f) -> list.forEach(v -> builder.addRepeatedField(f, v)));
    }
    return one.map(v -> (builder, f) -> builder.setField(f, v));
  }

  @SuppressWarnings("unchecked")
  private Arbitrary<Object> value(FieldDescriptor field, int depth) {
    Arbitrary<?> value =
        switch (field.getJavaType()) {
          case STRING -> values.strings();
          case BYTE_STRING ->
              Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(ByteString::copyFrom);
          case INT -> HostileValues.ints();
          case LONG -> HostileValues.longs();
          case DOUBLE -> HostileValues.doubles();
          case FLOAT -> HostileValues.doubles().map(Double::floatValue);
          case BOOLEAN -> Arbitraries.of(true, false);
          case ENUM ->
              HostileValues.enumNumbers(
                      field.getEnumType().getValues().stream()
                          .map(EnumValueDescriptor::getNumber)
                          .toList())
                  .map(number -> field.getEnumType().findValueByNumberCreatingIfUnknown(number));
          case MESSAGE ->
              message(field.getMessageType(), depth + 1).map(DynamicMessage.Builder::build);
        };
    return (Arbitrary<Object>) value;
  }
}
