package io.mallbots.core.config;

import java.time.Duration;

/**
 * How long a service remembers the messages it handled.
 *
 * @param inbox {@code INBOX_RETENTION}: inbox records, dead letters and saga command rejections
 *     older than this are deleted; must outlast the longest time a message can still be redelivered
 *     (the broker's retention, a dead letter waiting for a replay)
 * @param sweepInterval {@code RETENTION_SWEEP_INTERVAL}: how often the deleting runs
 * @param batchSize {@code RETENTION_BATCH_SIZE}: rows deleted per statement, so that a sweep never
 *     holds many locks or one long transaction
 */
public record RetentionSettings(Duration inbox, Duration sweepInterval, int batchSize) {

  /** Seven days, swept hourly, 1,000 rows at a time. */
  public static final RetentionSettings DEFAULTS =
      new RetentionSettings(Duration.ofDays(7), Duration.ofHours(1), 1000);

  public RetentionSettings {
    if (inbox.isNegative() || inbox.isZero()) {
      throw new IllegalArgumentException("INBOX_RETENTION must be positive, got " + inbox);
    }
    if (sweepInterval.toMillis() < 1) {
      throw new IllegalArgumentException(
          "RETENTION_SWEEP_INTERVAL must be positive, got " + sweepInterval);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("RETENTION_BATCH_SIZE must be positive, got " + batchSize);
    }
  }

  static RetentionSettings from(Settings settings) {
    return new RetentionSettings(
        settings.duration("INBOX_RETENTION", DEFAULTS.inbox()),
        settings.duration("RETENTION_SWEEP_INTERVAL", DEFAULTS.sweepInterval()),
        settings.integer("RETENTION_BATCH_SIZE", DEFAULTS.batchSize()));
  }
}
