package io.mallbots.core.db;

/**
 * The one rule for consumers whose effect depends on order (a cache or read model kept from another
 * service's events): an event carries its aggregate's version after the change, and it applies only
 * if that version is newer than the one the row holds, so a replay, a dead-letter re-drive or a
 * late delivery never moves a row back. Version 0 means unknown (an event published before versions
 * existed) and applies, as it did before. Used by the Pg adapters inside their upserts ({@code ON
 * CONFLICT ... DO UPDATE ... WHERE}); plain strings, no I/O.
 */
public final class Versions {

  /** The version of an event that carries none. */
  public static final long UNKNOWN = 0;

  private Versions() {}

  /**
   * SQL condition: the {@code incoming} version (an expression) is unknown or greater than {@code
   * stored}.
   */
  public static String newer(String incoming, String stored) {
    return "(" + incoming + " = " + UNKNOWN + " OR " + incoming + " > " + stored + ")";
  }
}
