package io.mallbots.core.messaging;

import io.mallbots.common.v1.MessageType;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One message as it travels on the broker: the envelope shared by events, saga commands and
 * replies.
 *
 * <p>The payload is the protobuf encoding of the message named by {@link #name()}; the envelope
 * never looks inside it. {@link #aggregateId()} is the partition key: messages with the same key
 * are delivered in the order they were published. Metadata carries the W3C trace context,
 * correlation and causation ids and the time the fact occurred (see {@link Metadata}); adapters
 * carry it in broker headers. Instances are immutable; the payload array must not be modified after
 * construction.
 *
 * @param id unique id; the inbox and NATS deduplication key
 * @param topic where it is published, e.g. {@code mallbots.stores.events.Product}
 * @param name what it is, e.g. {@code stores.ProductAdded}
 * @param version schema version of the payload
 * @param aggregateId the aggregate it concerns; the ordering key
 * @param payload protobuf bytes
 * @param metadata string headers
 */
public record Message(
    String id,
    String topic,
    String name,
    int version,
    String aggregateId,
    byte[] payload,
    Map<String, String> metadata) {

  public Message {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(payload, "payload");
    metadata = Map.copyOf(metadata);
  }

  /** A new message with a random id, stamped with the current time. */
  public static Message create(String topic, String name, String aggregateId, byte[] payload) {
    return new Message(
        UUID.randomUUID().toString(),
        topic,
        name,
        1,
        aggregateId,
        payload,
        Map.of(Metadata.OCCURRED_AT, Instant.now().toString()));
  }

  /**
   * A new message of a contract's type: its topic and name, {@code payload} (the type the contract
   * gives that name) as bytes, keyed by {@code aggregateId}.
   */
  public static <T extends com.google.protobuf.Message> Message of(
      MessageType<T> type, String aggregateId, T payload) {
    return create(type.topic(), type.name(), aggregateId, payload.toByteArray());
  }

  /** This message with one more metadata entry (replacing an existing one of the same key). */
  public Message withMetadata(String key, String value) {
    var copy = new java.util.HashMap<>(metadata);
    copy.put(key, value);
    return new Message(id, topic, name, version, aggregateId, payload, copy);
  }

  /**
   * This message with the given metadata entries added (replacing existing ones of the same keys).
   */
  public Message withMetadata(Map<String, String> entries) {
    var copy = new java.util.HashMap<>(metadata);
    copy.putAll(entries);
    return new Message(id, topic, name, version, aggregateId, payload, copy);
  }

  /** The same message, addressed to another topic (used for dead letters). */
  public Message toTopic(String otherTopic) {
    return new Message(id, otherTopic, name, version, aggregateId, payload, metadata);
  }

  /**
   * This message as a dead letter of {@code subscriber}: addressed to its {@code <topic>.dlq}, with
   * the original topic, the reason, the attempts made and when, in its metadata. The dispatcher and
   * the handlers that refuse a message for good address dead letters alike.
   */
  public Message asDeadLetter(String subscriber, String reason, int attempts) {
    return toTopic(EventStream.deadLetterTopic(topic))
        .withMetadata(
            Map.of(
                Metadata.ORIGINAL_TOPIC,
                topic,
                Metadata.DEAD_LETTER_REASON,
                reason,
                Metadata.ATTEMPTS,
                Integer.toString(attempts),
                Metadata.DEAD_LETTER_GROUP,
                subscriber,
                "dlq-at",
                Instant.now().toString()));
  }

  /** A metadata value, or {@code null}. */
  public String metadata(String key) {
    return metadata.get(key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Message m && id.equals(m.id) && topic.equals(m.topic);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, topic);
  }

  @Override
  public String toString() {
    return "Message[" + name + " " + id + " on " + topic + " key=" + aggregateId + "]";
  }
}
