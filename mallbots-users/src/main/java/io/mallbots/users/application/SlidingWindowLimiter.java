package io.mallbots.users.application;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * At most {@code limit} attempts per key in any {@code window}: a key remembers the times of its
 * last {@code limit} counted attempts, and one more is allowed once the oldest of them is a whole
 * window old. Exact, unlike a fixed window (which lets twice the limit through around a window's
 * edge) or a token bucket (whose refill adds to its first burst).
 *
 * <p>Memory is bounded: at most {@code maxKeys} keys are kept (each {@code limit} longs), and the
 * key idle the longest is forgotten first, so a flood of new keys (random usernames) cannot exhaust
 * the heap. Forgetting is safe as long as an expired key goes first: the least recently used key is
 * the one whose last attempt is oldest, so live keys are dropped only once more than {@code
 * maxKeys} keys were used within one window.
 *
 * <p>Plain Java, no I/O; thread-safe (every call holds this object's lock for a few map
 * operations).
 */
public final class SlidingWindowLimiter {

  private final int limit;
  private final long windowMillis;
  private final Clock clock;
  private final Map<String, Attempts> keys;

  /**
   * @param limit attempts allowed per key in any {@code window}, at least 1
   * @param window the length of the window, at least one millisecond
   * @param maxKeys keys kept at most, at least 1
   * @param clock the time (a fixed or stepped one in tests)
   */
  public SlidingWindowLimiter(int limit, Duration window, int maxKeys, Clock clock) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    if (window.toMillis() < 1) {
      throw new IllegalArgumentException("window must be at least 1 ms, got " + window);
    }
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be at least 1, got " + maxKeys);
    }
    this.limit = limit;
    this.windowMillis = window.toMillis();
    this.clock = Objects.requireNonNull(clock, "clock");
    // Access order: the eldest entry is the key idle the longest.
    this.keys =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Attempts> eldest) {
            return size() > maxKeys;
          }
        };
  }

  /**
   * How long until {@code key} may try again: {@link Duration#ZERO} when an attempt now would be
   * allowed. Counts nothing.
   */
  public synchronized Duration retryAfter(String key) {
    Attempts attempts = keys.get(key);
    return attempts == null
        ? Duration.ZERO
        : Duration.ofMillis(attempts.waitMillis(clock.millis()));
  }

  /**
   * Counts an attempt of {@code key} now, whether or not it was allowed (callers ask {@link
   * #retryAfter} first).
   */
  public synchronized void record(String key) {
    keys.computeIfAbsent(key, k -> new Attempts(limit)).add(clock.millis());
  }

  /**
   * Counts an attempt of {@code key} if it is allowed now.
   *
   * @return {@link Duration#ZERO} when the attempt was allowed and counted, else how long to wait
   *     (nothing counted)
   */
  public synchronized Duration tryAcquire(String key) {
    Duration wait = retryAfter(key);
    if (wait.isZero()) {
      record(key);
    }
    return wait;
  }

  /** How many keys are kept now. */
  public synchronized int keys() {
    return keys.size();
  }

  /** The times of a key's last counted attempts, a ring of {@code limit} slots. */
  private final class Attempts {

    private final long[] times;
    private int count;
    private int next;

    Attempts(int limit) {
      this.times = new long[limit];
    }

    long waitMillis(long now) {
      if (count < times.length) {
        return 0;
      }
      // Full ring: times[next] is the oldest counted attempt, which must leave the window first.
      // Bounded by one window, should the clock step back.
      return Math.min(windowMillis, Math.max(0, times[next] + windowMillis - now));
    }

    void add(long now) {
      times[next] = now;
      next = (next + 1) % times.length;
      count = Math.min(count + 1, times.length);
    }
  }
}
