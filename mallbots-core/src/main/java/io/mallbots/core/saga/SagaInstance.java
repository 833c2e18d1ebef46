package io.mallbots.core.saga;

import java.util.UUID;

/** A saga's state as stored in {@code saga_instances}. */
record SagaInstance<D>(
    String sagaId,
    D data,
    int step,
    String awaiting,
    boolean compensating,
    SagaOutcome outcome,
    String failureCode,
    String failureReason,
    UUID commandId,
    int attempts) {

  SagaState<D> state() {
    return new SagaState<>(sagaId, data, failureCode, failureReason);
  }

  /**
   * At {@code nextStep}, awaiting the reply to {@code command} (sent once, as {@code id}), or to
   * nothing.
   */
  SagaInstance<D> at(int nextStep, String command, String id) {
    return new SagaInstance<>(
        sagaId,
        data,
        nextStep,
        command,
        compensating,
        null,
        failureCode,
        failureReason,
        id == null ? null : UUID.fromString(id),
        id == null ? 0 : 1);
  }

  SagaInstance<D> sentAgain(UUID firstId, int attempt) {
    return new SagaInstance<>(
        sagaId,
        data,
        step,
        awaiting,
        compensating,
        null,
        failureCode,
        failureReason,
        firstId,
        attempt);
  }

  SagaInstance<D> turnedAround(String code, String reason) {
    return turnedAroundBefore(step, code, reason);
  }

  /**
   * Compensating from the step before {@code from} (the first compensation to run is step {@code
   * from - 1}).
   */
  SagaInstance<D> turnedAroundBefore(int from, String code, String reason) {
    return new SagaInstance<>(
        sagaId, data, from, awaiting, true, null, code, reason, commandId, attempts);
  }

  SagaInstance<D> ended(SagaOutcome how) {
    return new SagaInstance<>(
        sagaId, data, step, null, compensating, how, failureCode, failureReason, null, 0);
  }

  SagaView<D> view() {
    return new SagaView<>(
        sagaId, data, step, awaiting, compensating, outcome, failureCode, failureReason);
  }
}
