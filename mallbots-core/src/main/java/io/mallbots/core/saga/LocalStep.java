package io.mallbots.core.saga;

import io.mallbots.core.db.Tx;
import io.vertx.core.Future;

/**
 * A saga step the orchestrating service carries out itself, in the transaction that reached the
 * step: no command message and no reply, so the saga saves two trips through the broker. A {@link
 * io.mallbots.core.domain.DomainException} is the step's business rejection (its effect is rolled
 * back and the saga turns around); any other failure fails the whole transaction, which is then
 * retried.
 */
@FunctionalInterface
public interface LocalStep<D> {

  Future<Void> run(Tx tx, SagaState<D> saga);
}
