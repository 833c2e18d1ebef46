package io.mallbots.core.web;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The comments of the proto contract by full name ({@code mallbots.probe.v1.ProbeService.Echo},
 * {@code mallbots.probe.v1.EchoRequest.text}): services, RPCs, messages, fields and enums. Java
 * descriptors carry no comments, so they come from the descriptor sets with source info that the
 * build writes at {@value #RESOURCE} (the protos jar's, and a test's own); without such a file
 * there are simply none.
 */
final class ProtoComments {

  static final String RESOURCE = "META-INF/mallbots/contract.binpb";

  // The field numbers of descriptor.proto that SourceCodeInfo paths go through.
  private static final int FILE_MESSAGE = 4;
  private static final int FILE_ENUM = 5;
  private static final int FILE_SERVICE = 6;
  private static final int MESSAGE_FIELD = 2;
  private static final int MESSAGE_NESTED = 3;
  private static final int MESSAGE_ENUM = 4;
  private static final int SERVICE_METHOD = 2;

  private static final class Loaded {
    // Read once, when the first OpenAPI document is made (service start), from the class path.
    static final ProtoComments INSTANCE = fromClassPath();
  }

  private final Map<String, String> comments;

  private ProtoComments(Map<String, String> comments) {
    this.comments = Collections.unmodifiableMap(comments);
  }

  /** The comments of every contract descriptor set on the class path. */
  static ProtoComments loaded() {
    return Loaded.INSTANCE;
  }

  /** The comments in {@code sets}; a later set's comment for the same name wins. */
  static ProtoComments of(List<FileDescriptorSet> sets) {
    Map<String, String> comments = new HashMap<>();
    for (FileDescriptorSet set : sets) {
      for (FileDescriptorProto file : set.getFileList()) {
        if (file.hasSourceCodeInfo()) {
          new FileWalk(file, comments).walk();
        }
      }
    }
    return new ProtoComments(comments);
  }

  /** The comment above the element named {@code fullName}, or empty. */
  String of(String fullName) {
    return comments.getOrDefault(fullName, "");
  }

  private static ProtoComments fromClassPath() {
    List<FileDescriptorSet> sets = new ArrayList<>();
    try {
      for (URL url :
          Collections.list(ProtoComments.class.getClassLoader().getResources(RESOURCE))) {
        try (InputStream in = url.openStream()) {
          sets.add(FileDescriptorSet.parseFrom(in));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return of(sets);
  }

  /**
   * One file: the leading comment of each location, found again by walking the declarations' paths.
   */
  private static final class FileWalk {
    private final FileDescriptorProto file;
    private final Map<String, String> comments;
    private final Map<List<Integer>, String> byPath = new HashMap<>();

    FileWalk(FileDescriptorProto file, Map<String, String> comments) {
      this.file = file;
      this.comments = comments;
      for (SourceCodeInfo.Location location : file.getSourceCodeInfo().getLocationList()) {
        String text = clean(location.getLeadingComments());
        if (!text.isEmpty()) {
          byPath.put(List.copyOf(location.getPathList()), text);
        }
      }
    }

    void walk() {
      String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
      for (int i = 0; i < file.getMessageTypeCount(); i++) {
        message(file.getMessageType(i), prefix, List.of(FILE_MESSAGE, i));
      }
      for (int i = 0; i < file.getEnumTypeCount(); i++) {
        enumType(file.getEnumType(i), prefix, List.of(FILE_ENUM, i));
      }
      for (int i = 0; i < file.getServiceCount(); i++) {
        ServiceDescriptorProto service = file.getService(i);
        String name = prefix + service.getName();
        List<Integer> path = List.of(FILE_SERVICE, i);
        put(name, path);
        for (int m = 0; m < service.getMethodCount(); m++) {
          put(name + "." + service.getMethod(m).getName(), append(path, SERVICE_METHOD, m));
        }
      }
    }

    private void message(DescriptorProto message, String prefix, List<Integer> path) {
      String name = prefix + message.getName();
      put(name, path);
      for (int i = 0; i < message.getFieldCount(); i++) {
        put(name + "." + message.getField(i).getName(), append(path, MESSAGE_FIELD, i));
      }
      for (int i = 0; i < message.getNestedTypeCount(); i++) {
        message(message.getNestedType(i), name + ".", append(path, MESSAGE_NESTED, i));
      }
      for (int i = 0; i < message.getEnumTypeCount(); i++) {
        enumType(message.getEnumType(i), name + ".", append(path, MESSAGE_ENUM, i));
      }
    }

    private void enumType(EnumDescriptorProto type, String prefix, List<Integer> path) {
      put(prefix + type.getName(), path);
    }

    private void put(String name, List<Integer> path) {
      String text = byPath.get(path);
      if (text != null) {
        comments.put(name, text);
      }
    }

    private static List<Integer> append(List<Integer> path, int field, int index) {
      List<Integer> longer = new ArrayList<>(path);
      longer.add(field);
      longer.add(index);
      return longer;
    }

    /** protoc keeps the text after {@code //} of each line: one leading space per line goes. */
    private static String clean(String comment) {
      return comment.lines().map(String::strip).collect(Collectors.joining("\n")).strip();
    }
  }
}
