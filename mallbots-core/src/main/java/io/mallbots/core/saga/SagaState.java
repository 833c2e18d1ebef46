package io.mallbots.core.saga;

/**
 * What a saga step sees when it builds its command: the saga's id and data, and, while
 * compensating, why the saga failed.
 *
 * @param failureCode the failed step's machine code (e.g. {@code USER_DISABLED}); null going
 *     forward
 * @param failureReason the failed step's message; null going forward
 */
public record SagaState<D>(String sagaId, D data, String failureCode, String failureReason) {}
