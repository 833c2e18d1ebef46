package io.mallbots.search.domain;

import io.mallbots.core.domain.Invalid;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;

/**
 * Where a page of search results ends: the (created_at, order_id) of its last order. Newer orders arriving
 * between two pages sort before it, so paging on from it neither repeats nor skips an order.
 *
 * <p>On the wire it is opaque: a version, the position, a fingerprint of the filters it was made for and a
 * checksum, base64url-encoded. A cursor that does not decode, was edited, or comes from a search with other
 * filters is refused. The checksum is not a signature: a caller who forges one reaches nothing a
 * {@code before} filter would not give it.
 */
public record PageCursor(Instant createdAt, String orderId) {

  private static final byte VERSION = 1;
  private static final int FINGERPRINT = 8;
  private static final int CHECKSUM = 8;

  public PageCursor {
    createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
    Required.text(orderId, "cursor order id");
  }

  /** The opaque {@code next} of a page searched with {@code filters}. */
  public String encode(OrderFilters filters) {
    byte[] id = orderId.getBytes(StandardCharsets.UTF_8);
    ByteBuffer body = ByteBuffer.allocate(1 + Long.BYTES + FINGERPRINT + id.length)
        .put(VERSION).putLong(micros(createdAt)).put(digest(FINGERPRINT, filters.canonical())).put(id);
    byte[] signed = ByteBuffer.allocate(body.capacity() + CHECKSUM).put(body.array())
        .put(digest(CHECKSUM, body.array())).array();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
  }

  /** The cursor in {@code next}, which must come from a search with the same {@code filters}. */
  public static PageCursor decode(String next, OrderFilters filters) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(next);
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
    if (bytes.length <= 1 + Long.BYTES + FINGERPRINT + CHECKSUM) {
      throw malformed();
    }
    byte[] body = Arrays.copyOf(bytes, bytes.length - CHECKSUM);
    if (!MessageDigest.isEqual(digest(CHECKSUM, body), Arrays.copyOfRange(bytes, body.length, bytes.length))) {
      throw malformed();
    }
    try {
      ByteBuffer reader = ByteBuffer.wrap(body);
      if (reader.get() != VERSION) {
        throw malformed();
      }
      Instant createdAt = instant(reader.getLong());
      byte[] fingerprint = new byte[FINGERPRINT];
      reader.get(fingerprint);
      if (!MessageDigest.isEqual(fingerprint, digest(FINGERPRINT, filters.canonical()))) {
        throw new Invalid("next belongs to a search with other filters: send the filters it was given with");
      }
      byte[] id = new byte[reader.remaining()];
      reader.get(id);
      return new PageCursor(createdAt, new String(id, StandardCharsets.UTF_8));
    } catch (BufferUnderflowException | ArithmeticException | DateTimeException e) {
      throw malformed();
    }
  }

  private static Invalid malformed() {
    return new Invalid("next is not a cursor from a previous page: send it back as it came, or empty");
  }

  private static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  private static byte[] digest(int length, byte[] input) {
    try {
      return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(input), length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
