package io.mallbots.core.config;

import java.time.Duration;

/**
 * How long a saga waits for a step's reply, and how often it sends the step again before it
 * compensates.
 *
 * @param stepTimeout {@code SAGA_STEP_TIMEOUT}: a duration with its unit, {@code 30s}, {@code
 *     300ms} or {@code 2m}
 * @param stepRetries {@code SAGA_STEP_RETRIES}: re-sends of an unanswered command before the step
 *     is given up
 */
public record SagaSettings(Duration stepTimeout, int stepRetries) {

  public SagaSettings {
    if (stepTimeout.isNegative() || stepTimeout.isZero()) {
      throw new IllegalArgumentException("SAGA_STEP_TIMEOUT must be positive, got " + stepTimeout);
    }
    if (stepRetries < 0) {
      throw new IllegalArgumentException("SAGA_STEP_RETRIES must be 0 or more, got " + stepRetries);
    }
  }

  /** 30 s and 2 re-sends. */
  public static final SagaSettings DEFAULTS = new SagaSettings(Duration.ofSeconds(30), 2);

  static SagaSettings from(Settings settings) {
    return new SagaSettings(
        settings.duration("SAGA_STEP_TIMEOUT", DEFAULTS.stepTimeout()),
        settings.integer("SAGA_STEP_RETRIES", DEFAULTS.stepRetries()));
  }
}
