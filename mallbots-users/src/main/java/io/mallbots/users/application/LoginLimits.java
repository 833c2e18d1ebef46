package io.mallbots.users.application;

import io.mallbots.core.domain.TooManyRequests;
import io.mallbots.users.domain.Username;
import java.time.Clock;
import java.time.Duration;

/**
 * How often a password may be checked: at most so many attempts per minute for one username and for
 * one client address, so that bcrypt cannot be used to burn the CPU and passwords cannot be guessed
 * fast. Every attempt counts, whether the password was right or wrong: a check costs the same CPU
 * either way, and counting only failures would let a caller who knows one password burn CPU with
 * it. An attempt beyond a limit is refused at once and counts for nothing, so waiting out the limit
 * always works.
 *
 * <p>The counters live in this object: each instance of the users service keeps its own, so N
 * instances behind a load balancer let up to N times the limit through. The address is the one the
 * connection comes from: behind a proxy, that is the proxy's, and all its clients share one limit.
 * IPv6 addresses count per /64, the block one subscriber usually holds. Thread-safe.
 */
public final class LoginLimits {

  /** The window both limits count in. */
  public static final Duration WINDOW = Duration.ofMinutes(1);

  /**
   * Usernames and addresses remembered at most (each); a few MiB of heap in all at the default
   * limits.
   */
  public static final int MAX_KEYS = 10_000;

  private final SlidingWindowLimiter perUsername;
  private final SlidingWindowLimiter perAddress;

  public LoginLimits(int perUsernamePerMinute, int perAddressPerMinute, Clock clock) {
    this(perUsernamePerMinute, perAddressPerMinute, MAX_KEYS, clock);
  }

  LoginLimits(int perUsernamePerMinute, int perAddressPerMinute, int maxKeys, Clock clock) {
    perUsername = new SlidingWindowLimiter(perUsernamePerMinute, WINDOW, maxKeys, clock);
    perAddress = new SlidingWindowLimiter(perAddressPerMinute, WINDOW, maxKeys, clock);
  }

  /**
   * Counts an attempt to check a password of {@code username} from {@code clientAddress} (null when
   * unknown: then only the username's limit applies).
   *
   * @throws TooManyRequests when either limit is reached; nothing is counted then
   */
  public synchronized void attempt(String username, String clientAddress) {
    String user = usernameKey(username);
    String address = clientAddress == null ? null : addressKey(clientAddress);
    Duration wait = perUsername.retryAfter(user);
    if (address != null) {
      Duration addressWait = perAddress.retryAfter(address);
      wait = addressWait.compareTo(wait) > 0 ? addressWait : wait;
    }
    if (!wait.isZero()) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      throw new TooManyRequests(
          "too many login attempts: try again in " + seconds + " seconds", wait);
    }
    perUsername.record(user);
    if (address != null) {
      perAddress.record(address);
    }
  }

  /**
   * No user has a longer name, so longer ones share the key of their first characters (and keys
   * stay small).
   */
  static String usernameKey(String username) {
    return username.length() > Username.MAX_LENGTH
        ? username.substring(0, Username.MAX_LENGTH + 1)
        : username;
  }

  /**
   * An IPv4 address as it is; an IPv6 address by its first 64 bits, since one subscriber is usually
   * handed a whole /64 and could otherwise change address for every attempt; an IPv4-mapped IPv6
   * address as its IPv4.
   */
  static String addressKey(String address) {
    if (address.indexOf(':') < 0) {
      return address;
    }
    int scope = address.indexOf('%');
    String ip = scope < 0 ? address : address.substring(0, scope);
    if (ip.indexOf('.') >= 0) {
      return ip.substring(ip.lastIndexOf(':') + 1);
    }
    int gap = ip.indexOf("::");
    String[] head = hextets(gap < 0 ? ip : ip.substring(0, gap));
    String[] tail = gap < 0 ? new String[0] : hextets(ip.substring(gap + 2));
    String[] all = new String[8];
    for (int i = 0; i < 8; i++) {
      all[i] = "0";
    }
    System.arraycopy(head, 0, all, 0, Math.min(head.length, 8));
    System.arraycopy(tail, 0, all, Math.max(0, 8 - tail.length), Math.min(tail.length, 8));
    StringBuilder prefix = new StringBuilder();
    try {
      for (int i = 0; i < 4; i++) {
        prefix.append(Integer.toHexString(Integer.parseInt(all[i], 16))).append(':');
      }
    } catch (NumberFormatException notAnAddress) {
      return ip; // the socket's address is well formed; should it not be, it still counts as itself
    }
    return prefix.append(":/64").toString();
  }

  private static String[] hextets(String part) {
    return part.isEmpty() ? new String[0] : part.split(":");
  }
}
