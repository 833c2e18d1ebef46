package io.mallbots.core.messaging.kafka;

import io.mallbots.core.messaging.Message;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link Message} is laid out in a Kafka record: key = aggregate id (so one aggregate stays
 * in one partition, in order), value = payload bytes, headers = the envelope ({@value #ID}, {@value
 * #NAME}, {@value #VERSION}) and every metadata entry as a header of its own, all UTF-8.
 *
 * <p>Stateless; used by {@link KafkaEventStream} on any thread.
 */
final class KafkaEnvelope {

  static final String ID = "mb-id";
  static final String NAME = "mb-name";
  static final String VERSION = "mb-version";
  private static final Set<String> RESERVED = Set.of(ID, NAME, VERSION);

  private static final Logger log = LoggerFactory.getLogger(KafkaEnvelope.class);

  private KafkaEnvelope() {}

  /** The record to publish; rejects metadata keys that would shadow the envelope headers. */
  static ProducerRecord<String, byte[]> toRecord(Message message) {
    var headers = new RecordHeaders();
    headers.add(ID, utf8(message.id()));
    headers.add(NAME, utf8(message.name()));
    headers.add(VERSION, utf8(Integer.toString(message.version())));
    message
        .metadata()
        .forEach(
            (key, value) -> {
              if (RESERVED.contains(key)) {
                throw new IllegalArgumentException(
                    "metadata key " + key + " is reserved for the envelope: " + message);
              }
              headers.add(key, utf8(value));
            });
    return new ProducerRecord<>(
        message.topic(), null, message.aggregateId(), message.payload(), headers);
  }

  /**
   * The message a record carries. A record written by someone else (no envelope headers) still
   * becomes a message, with its coordinates as id, so that the handler can reject it and it reaches
   * the dead-letter topic instead of stopping the partition.
   */
  static Message fromRecord(ConsumerRecord<String, byte[]> record) {
    String id = null;
    String name = null;
    String version = null;
    Map<String, String> metadata = new HashMap<>();
    for (Header header : record.headers()) {
      String value =
          header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
      // The first header of a name wins: ours come first, headers appended later (e.g. by the
      // Vert.x Kafka tracer, which injects the send span's traceparent) must not replace the
      // metadata as published.
      switch (header.key()) {
        case ID -> id = id == null ? value : id;
        case NAME -> name = name == null ? value : name;
        case VERSION -> version = version == null ? value : version;
        default -> metadata.putIfAbsent(header.key(), value);
      }
    }
    if (id == null || name == null) {
      log.warn(
          "record {}-{}@{} has no message envelope (headers {} / {})",
          record.topic(),
          record.partition(),
          record.offset(),
          ID,
          NAME);
    }
    return new Message(
        id != null ? id : record.topic() + "-" + record.partition() + "@" + record.offset(),
        record.topic(),
        name != null ? name : "",
        parseVersion(version),
        record.key() != null ? record.key() : "",
        record.value() != null ? record.value() : new byte[0],
        metadata);
  }

  private static int parseVersion(String version) {
    if (version == null) {
      return 1;
    }
    try {
      return Integer.parseInt(version.trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
