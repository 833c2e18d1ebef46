package io.mallbots.core.messaging.nats;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How topics and groups map to JetStream names.
 *
 * <ul>
 *   <li>A topic's <em>service subject</em> is its first two tokens ({@code mallbots.stores} for
 *       {@code mallbots.stores.events.Product}); its stream captures {@code mallbots.stores} and
 *       {@code mallbots.stores.>}, so events, commands, replies and dead letters of a service share
 *       it.
 *   <li>The stream is {@code <PREFIX>_<token1>_<token2>}, upper-cased, every character other than
 *       {@code A-Z 0-9 _ -} replaced by {@code _}: {@code MALLBOTS_MALLBOTS_STORES}.
 *   <li>A message is published on the subject {@code <topic>.p<k>}, k = {@link #partition} of its
 *       aggregate id: FNV-1a (32 bit) of its UTF-8 bytes modulo the partition count, the same in
 *       every JVM and version.
 *   <li>The durable consumer of a (subject, group) is the sanitised group (at most 48 characters),
 *       then {@code _} and 12 hex digits of SHA-256 of group and subject: {@code
 *       baskets-products_3f2a...}; a group's consumers of a topic are those of its partition
 *       subjects.
 *   <li>Partition leases live in the KV bucket {@code <PREFIX>_PARTITION_LEASES} ({@link
 *       #leaseBucket}).
 * </ul>
 */
final class JetStreamNames {

  private JetStreamNames() {}

  /**
   * The first two tokens of {@code topic} (or its only token); rejects subjects NATS would refuse.
   */
  static String serviceSubject(String topic) {
    validateTopic(topic);
    int first = topic.indexOf('.');
    if (first < 0) {
      return topic;
    }
    int second = topic.indexOf('.', first + 1);
    return second < 0 ? topic : topic.substring(0, second);
  }

  /**
   * The partition of {@code key} among {@code partitions}: stable across JVMs, versions and
   * restarts.
   */
  static int partition(String key, int partitions) {
    int hash = 0x811c9dc5;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    return Integer.remainderUnsigned(hash, partitions);
  }

  /** The subject of partition {@code k} of {@code topic}. */
  static String partitionSubject(String topic, int k) {
    return topic + ".p" + k;
  }

  /**
   * The partition whose subject {@code subject} is, or -1 when it is no partition of {@code topic}.
   */
  static int partitionOf(String subject, String topic) {
    String prefix = topic + ".p";
    if (subject == null || !subject.startsWith(prefix) || subject.length() == prefix.length()) {
      return -1;
    }
    int k = 0;
    for (int i = prefix.length(); i < subject.length(); i++) {
      char c = subject.charAt(i);
      if (c < '0' || c > '9' || k > 100_000) {
        return -1;
      }
      k = k * 10 + (c - '0');
    }
    return k;
  }

  /** The KV bucket of the partition leases of every group under {@code prefix}. */
  static String leaseBucket(String prefix) {
    return sanitize(prefix + "_partition_leases").toUpperCase(Locale.ROOT);
  }

  static String streamName(String prefix, String serviceSubject) {
    return sanitize(prefix + "_" + serviceSubject).toUpperCase(Locale.ROOT);
  }

  static String durableName(String group, String topic) {
    String readable = sanitize(group);
    if (readable.length() > 48) {
      readable = readable.substring(0, 48);
    }
    return readable + "_" + sha256Hex(group + '\u0000' + topic).substring(0, 12);
  }

  static void validateTopic(String topic) {
    if (topic == null
        || topic.isEmpty()
        || topic.startsWith(".")
        || topic.endsWith(".")
        || topic.contains("..")) {
      throw new IllegalArgumentException("not a valid topic: '" + topic + "'");
    }
    for (int i = 0; i < topic.length(); i++) {
      char c = topic.charAt(i);
      if (c <= ' ' || c > '~' || c == '*' || c == '>') {
        throw new IllegalArgumentException(
            "topic '" + topic + "' has a character NATS subjects cannot carry");
      }
    }
  }

  private static String sanitize(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      out.append(ok ? c : '_');
    }
    return out.toString();
  }

  private static String sha256Hex(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
