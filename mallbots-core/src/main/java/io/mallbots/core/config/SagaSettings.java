package io.mallbots.core.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

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
    String timeout = settings.string("SAGA_STEP_TIMEOUT", "30s");
    return new SagaSettings(
        duration("SAGA_STEP_TIMEOUT", timeout),
        settings.integer("SAGA_STEP_RETRIES", DEFAULTS.stepRetries()));
  }

  private static Duration duration(String key, String value) {
    Matcher matcher = DURATION.matcher(value.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          key + " must be a number with a unit (ms, s or m), e.g. 30s; got '" + value + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
  }
}
