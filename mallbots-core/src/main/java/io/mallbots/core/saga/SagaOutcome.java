package io.mallbots.core.saga;

/** How a saga ended. */
public enum SagaOutcome {
  /** Every step's action succeeded. */
  COMPLETED,
  /** A step failed and the compensations of the steps before it ran. */
  COMPENSATED
}
