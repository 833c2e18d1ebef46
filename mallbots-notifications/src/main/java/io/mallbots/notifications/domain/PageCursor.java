package io.mallbots.notifications.domain;

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
import java.util.Objects;

/**
 * Where a page of a user's notices ends: the (sent_at, order_id, kind) of its last notice. Notices sent between
 * two pages sort before it, so paging on from it neither repeats nor skips one.
 *
 * <p>On the wire it is opaque (as search's cursor): a version, the position, a fingerprint of the user it was
 * made for and a checksum, base64url-encoded. A cursor that does not decode, was edited, or was made for another
 * user is refused. The checksum is not a signature: a forged cursor still reads only the named user's notices,
 * which the caller may read anyway.
 */
public record PageCursor(Instant sentAt, String orderId, NotificationKind kind) {

  private static final byte VERSION = 1;
  private static final int FINGERPRINT = 8;
  private static final int CHECKSUM = 8;

  public PageCursor {
    sentAt = sentAt.truncatedTo(ChronoUnit.MICROS);
    orderId = OrderNotice.id(orderId, "cursor order id");
    Objects.requireNonNull(kind, "kind");
  }

  /** The cursor after {@code last}, the last notice of a page. */
  public static PageCursor after(Notification last) {
    return new PageCursor(last.sentAt(), last.orderId(), last.kind());
  }

  /** The opaque {@code next} of a page of {@code userId}'s notices. */
  public String encode(String userId) {
    byte[] id = orderId.getBytes(StandardCharsets.UTF_8);
    ByteBuffer body = ByteBuffer.allocate(1 + Long.BYTES + FINGERPRINT + 1 + id.length)
        .put(VERSION).putLong(micros(sentAt)).put(digest(FINGERPRINT, user(userId))).put((byte) kind.ordinal())
        .put(id);
    byte[] signed = ByteBuffer.allocate(body.capacity() + CHECKSUM).put(body.array())
        .put(digest(CHECKSUM, body.array())).array();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
  }

  /** The cursor in {@code next}, which must come from a page of {@code userId}'s notices. */
  public static PageCursor decode(String next, String userId) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(next);
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
    if (bytes.length <= 1 + Long.BYTES + FINGERPRINT + 1 + CHECKSUM) {
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
      Instant sentAt = instant(reader.getLong());
      byte[] fingerprint = new byte[FINGERPRINT];
      reader.get(fingerprint);
      if (!MessageDigest.isEqual(fingerprint, digest(FINGERPRINT, user(userId)))) {
        throw new Invalid("next belongs to another user's notices: send the user_id it was given with");
      }
      int kind = reader.get();
      if (kind < 0 || kind >= NotificationKind.values().length) {
        throw malformed();
      }
      byte[] id = new byte[reader.remaining()];
      reader.get(id);
      return new PageCursor(sentAt, new String(id, StandardCharsets.UTF_8), NotificationKind.values()[kind]);
    } catch (BufferUnderflowException | ArithmeticException | DateTimeException e) {
      throw malformed();
    }
  }

  private static Invalid malformed() {
    return new Invalid("next is not a cursor from a previous page: send it back as it came, or empty");
  }

  private static byte[] user(String userId) {
    return userId.getBytes(StandardCharsets.UTF_8);
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
