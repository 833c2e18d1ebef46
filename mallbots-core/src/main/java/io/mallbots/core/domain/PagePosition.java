package io.mallbots.core.domain;

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
 * Where a page of newest-first results ends: the time of its last row and a key that breaks ties,
 * as services' paged queries (search's orders, notifications' notices) hand it back in {@code
 * next}. Rows that arrive between two pages sort before it, so paging on from it neither repeats
 * nor skips one.
 *
 * <p>On the wire it is opaque: a version, the position, a fingerprint of the query it was made for
 * (its scope: the filters, the user) and a checksum, base64url-encoded. A token that does not
 * decode, was edited, or was made for another scope is refused with {@link Invalid}. The checksum
 * is not a signature: a forged token still reads only what its scope reads, which the caller may
 * read anyway. Times keep microseconds, as PostgreSQL does.
 *
 * @param at the time of the page's last row
 * @param key what orders rows of the same time (e.g. an order id)
 */
public record PagePosition(Instant at, String key) {

  private static final byte VERSION = 1;
  private static final int FINGERPRINT = 8;
  private static final int CHECKSUM = 8;

  public PagePosition {
    at = at.truncatedTo(ChronoUnit.MICROS);
    if (key == null || key.isEmpty()) {
      throw new Invalid("a page position needs a key");
    }
  }

  /** The opaque {@code next} of a page of the query {@code scope} names. */
  public String encode(String scope) {
    byte[] id = key.getBytes(StandardCharsets.UTF_8);
    ByteBuffer body =
        ByteBuffer.allocate(1 + Long.BYTES + FINGERPRINT + id.length)
            .put(VERSION)
            .putLong(micros(at))
            .put(digest(FINGERPRINT, scope))
            .put(id);
    byte[] signed =
        ByteBuffer.allocate(body.capacity() + CHECKSUM)
            .put(body.array())
            .put(digest(CHECKSUM, body.array()))
            .array();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
  }

  /**
   * The position in {@code next}, which must come from a page of the query {@code scope} names;
   * {@code otherScope} is what the caller is told when it does not (e.g. "next belongs to a search
   * with other filters").
   */
  public static PagePosition decode(String next, String scope, String otherScope) {
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
    if (!MessageDigest.isEqual(
        digest(CHECKSUM, body), Arrays.copyOfRange(bytes, body.length, bytes.length))) {
      throw malformed();
    }
    try {
      ByteBuffer reader = ByteBuffer.wrap(body);
      if (reader.get() != VERSION) {
        throw malformed();
      }
      Instant at = Instant.EPOCH.plus(reader.getLong(), ChronoUnit.MICROS);
      byte[] fingerprint = new byte[FINGERPRINT];
      reader.get(fingerprint);
      if (!MessageDigest.isEqual(fingerprint, digest(FINGERPRINT, scope))) {
        throw new Invalid(otherScope);
      }
      byte[] id = new byte[reader.remaining()];
      reader.get(id);
      return new PagePosition(at, new String(id, StandardCharsets.UTF_8));
    } catch (BufferUnderflowException | ArithmeticException | DateTimeException e) {
      throw malformed();
    }
  }

  /** The refusal of a {@code next} that is no token of a previous page. */
  public static Invalid malformed() {
    return new Invalid(
        "next is not a cursor from a previous page: send it back as it came, or empty");
  }

  private static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  private static byte[] digest(int length, byte[] input) {
    try {
      return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(input), length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static byte[] digest(int length, String scope) {
    return digest(length, scope.getBytes(StandardCharsets.UTF_8));
  }
}
