package io.mallbots.core.saga;

/**
 * A saga as stored, for queries and tests.
 *
 * @param step index of the step whose reply is awaited (or that ran last)
 * @param awaiting name of the command whose reply is awaited; null once ended
 * @param outcome null while running
 */
public record SagaView<D>(
    String sagaId,
    D data,
    int step,
    String awaiting,
    boolean compensating,
    SagaOutcome outcome,
    String failureCode,
    String failureReason) {}
