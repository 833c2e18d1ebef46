package io.mallbots.core.messaging.nats;

import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@link Message} envelope in NATS headers, both ways.
 *
 * <p>Headers: {@code mb-id}, {@code mb-name}, {@code mb-version}, {@code mb-key} (aggregate id),
 * then every metadata entry under its own name ({@code traceparent}, {@code correlation-id}, ...),
 * so tools that know W3C trace headers find them. NATS header values are ASCII on one line: a value
 * that is not (non-ASCII, control characters, leading or trailing blanks, empty) is sent as {@code
 * =?utf-8?b?<base64>?=} and decoded on receipt. Metadata keys must be valid header names and may
 * not be the envelope's own names or start with {@code Nats-}.
 *
 * <p>{@code Nats-Msg-Id} (JetStream's deduplication key) is {@code <topic>:<id>}, plus {@code
 * :<group>} on a dead letter: a message's identity is its id on its topic ({@link Message#equals}),
 * and a dead letter shares its original's id, lives in the same stream, and is a fact of its own
 * for each group.
 *
 * <p>Stateless; called on event loops (publish) and on the NATS dispatcher thread (receive).
 */
final class NatsEnvelope {

  static final String ID = "mb-id";
  static final String NAME = "mb-name";
  static final String VERSION = "mb-version";
  static final String KEY = "mb-key";
  private static final Set<String> ENVELOPE = Set.of(ID, NAME, VERSION, KEY);
  private static final String ENCODED_PREFIX = "=?utf-8?b?";
  private static final String ENCODED_SUFFIX = "?=";

  private NatsEnvelope() {}

  /**
   * The headers of {@code message}; throws {@link IllegalArgumentException} for unusable metadata
   * keys.
   */
  static Headers headers(Message message) {
    Headers headers = new Headers();
    headers.put(ID, encode(message.id()));
    headers.put(NAME, encode(message.name()));
    headers.put(VERSION, Integer.toString(message.version()));
    headers.put(KEY, encode(message.aggregateId()));
    message
        .metadata()
        .forEach(
            (key, value) -> {
              if (reserved(key)) {
                throw new IllegalArgumentException(
                    "metadata key '" + key + "' is reserved by the NATS envelope");
              }
              headers.put(
                  key, encode(value)); // Headers rejects keys that are not valid header names
            });
    return headers;
  }

  /** JetStream's deduplication key of {@code message}. */
  static String deduplicationKey(Message message) {
    String group = message.metadata(Metadata.DEAD_LETTER_GROUP);
    String key = message.topic() + ':' + message.id();
    return encode(group == null ? key : key + ':' + group);
  }

  /**
   * The message a NATS delivery carries. Lenient, so that a message published by someone else still
   * reaches the handler (which may reject it and so dead-letter it) instead of blocking the
   * consumer: a missing id falls back to {@code Nats-Msg-Id} or the stream position, a missing key
   * to "". The topic is the subscription's ({@code delivery}'s subject is one of its partitions).
   */
  static Message message(io.nats.client.Message delivery, String topic) {
    Headers headers = delivery.hasHeaders() ? delivery.getHeaders() : new Headers();
    String id = text(headers, ID);
    if (id == null) {
      id = fallbackId(delivery, headers);
    }
    String name = text(headers, NAME);
    String key = text(headers, KEY);
    Map<String, String> metadata = new HashMap<>();
    for (String header : headers.keySet()) {
      if (!reserved(header)) {
        String value = text(headers, header);
        if (value != null) {
          metadata.put(header, value);
        }
      }
    }
    byte[] payload = delivery.getData() == null ? new byte[0] : delivery.getData();
    return new Message(
        id,
        topic,
        name == null ? "" : name,
        version(headers.getFirst(VERSION)),
        key == null ? "" : key,
        payload,
        metadata);
  }

  private static boolean reserved(String key) {
    return ENVELOPE.contains(key.toLowerCase(Locale.ROOT))
        || key.regionMatches(true, 0, "Nats-", 0, 5);
  }

  private static String fallbackId(io.nats.client.Message delivery, Headers headers) {
    String natsId = headers.getFirst("Nats-Msg-Id");
    if (natsId != null) {
      return decode(natsId);
    }
    try {
      return delivery.metaData().getStream() + ":" + delivery.metaData().streamSequence();
    } catch (RuntimeException notJetStream) {
      return delivery.getSubject() + ":" + System.nanoTime();
    }
  }

  private static int version(String text) {
    try {
      return text == null ? 1 : Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static String text(Headers headers, String key) {
    String value = headers.getFirst(key);
    return value == null ? null : decode(value);
  }

  static String encode(String value) {
    if (!needsEncoding(value)) {
      return value;
    }
    return ENCODED_PREFIX
        + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
        + ENCODED_SUFFIX;
  }

  static String decode(String value) {
    if (value.length() >= ENCODED_PREFIX.length() + ENCODED_SUFFIX.length()
        && value.regionMatches(true, 0, ENCODED_PREFIX, 0, ENCODED_PREFIX.length())
        && value.endsWith(ENCODED_SUFFIX)) {
      try {
        byte[] bytes =
            Base64.getDecoder()
                .decode(
                    value.substring(
                        ENCODED_PREFIX.length(), value.length() - ENCODED_SUFFIX.length()));
        return new String(bytes, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notBase64) {
        return value;
      }
    }
    return value;
  }

  private static boolean needsEncoding(String value) {
    if (value.isEmpty()
        || value.charAt(0) == ' '
        || value.charAt(value.length() - 1) == ' '
        || value.regionMatches(true, 0, ENCODED_PREFIX, 0, ENCODED_PREFIX.length())) {
      return true;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < ' ' || c > '~') {
        return true;
      }
    }
    return false;
  }
}
