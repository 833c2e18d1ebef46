package io.mallbots.ordering.agent;

import io.mallbots.core.config.Settings;

/**
 * The ordering service's own settings (the rest are in {@code CoreSettings}). Built once at start;
 * a bad value fails the start with a message naming the variable.
 *
 * @param snapshotEvery {@code ORDER_SNAPSHOT_EVERY}: an order's state is snapshotted every this
 *     many events
 * @param commandAttempts {@code ORDER_COMMAND_ATTEMPTS}: tries in all of a gRPC command that meets
 *     a concurrent change of its order
 */
public record OrderingSettings(int snapshotEvery, int commandAttempts) {

  public static OrderingSettings from(Settings settings) {
    return new OrderingSettings(
        atLeastOne(settings, "ORDER_SNAPSHOT_EVERY", 3),
        atLeastOne(settings, "ORDER_COMMAND_ATTEMPTS", 3));
  }

  private static int atLeastOne(Settings settings, String key, int fallback) {
    int value = settings.integer(key, fallback);
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, got " + value);
    }
    return value;
  }
}
