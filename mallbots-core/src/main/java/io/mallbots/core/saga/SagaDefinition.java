package io.mallbots.core.saga;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The steps of an orchestrated saga, in order. A step has an action (done going forward), a
 * compensation (done when a later step fails), or both. Going forward, steps without an action are
 * skipped; compensating, the steps before the failed one run their compensations backwards. A step
 * given up because its reply never came (see {@link SagaTimeouts}) runs its own compensation too,
 * since its command may have had its effect; so a compensation must be harmless when there is
 * nothing to undo. An action or compensation is either a command sent to another service, whose
 * reply comes back on {@link #replyTopic()}, or a {@link LocalStep} of the orchestrating service
 * itself. The saga's data is stored with {@link #encode}.
 *
 * <pre>{@code
 * SagaDefinition.<OrderData>named("create-order", "mallbots.ordering.replies.CreateOrder",
 *         OrderData::toBytes, OrderData::fromBytes)
 *     .localCompensation("RejectOrder", (tx, s) -> rejectOrder(tx, s))
 *     .action(s -> authorizeUser(s))
 *     .action(s -> confirmPayment(s))
 *     .localAction("ApproveOrder", (tx, s) -> approveOrder(tx, s));
 * }</pre>
 */
public final class SagaDefinition<D> {

  /** What a step does in one direction: send a command, or act locally. */
  sealed interface Move<D> permits Send, Local {}

  record Send<D>(Function<SagaState<D>, SagaCommand> command) implements Move<D> {}

  record Local<D>(String name, LocalStep<D> step) implements Move<D> {}

  /** One step; either move may be null. */
  record Step<D>(Move<D> action, Move<D> compensation) {}

  private final String name;
  private final String replyTopic;
  private final Function<D, byte[]> encode;
  private final Function<byte[], D> decode;
  private final List<Step<D>> steps = new ArrayList<>();

  private SagaDefinition(
      String name, String replyTopic, Function<D, byte[]> encode, Function<byte[], D> decode) {
    this.name = Objects.requireNonNull(name);
    this.replyTopic = Objects.requireNonNull(replyTopic);
    this.encode = Objects.requireNonNull(encode);
    this.decode = Objects.requireNonNull(decode);
  }

  public static <D> SagaDefinition<D> named(
      String name, String replyTopic, Function<D, byte[]> encode, Function<byte[], D> decode) {
    return new SagaDefinition<>(name, replyTopic, encode, decode);
  }

  /** A step with only an action: a command to another service. */
  public SagaDefinition<D> action(Function<SagaState<D>, SagaCommand> action) {
    return step(Objects.requireNonNull(action), null);
  }

  /** A step with only a compensation (e.g. step 0: reject what was created before the saga). */
  public SagaDefinition<D> compensation(Function<SagaState<D>, SagaCommand> compensation) {
    return step(null, Objects.requireNonNull(compensation));
  }

  /**
   * A step with an action and the compensation that undoes it, both commands to another service.
   */
  public SagaDefinition<D> step(
      Function<SagaState<D>, SagaCommand> action,
      Function<SagaState<D>, SagaCommand> compensation) {
    steps.add(
        new Step<>(
            action == null ? null : new Send<>(action),
            compensation == null ? null : new Send<>(compensation)));
    return this;
  }

  /**
   * A step with only an action, carried out by the orchestrating service; {@code name} shows in its
   * state.
   */
  public SagaDefinition<D> localAction(String name, LocalStep<D> action) {
    steps.add(
        new Step<>(
            new Local<>(Objects.requireNonNull(name), Objects.requireNonNull(action)), null));
    return this;
  }

  /** A step with only a compensation, carried out by the orchestrating service. */
  public SagaDefinition<D> localCompensation(String name, LocalStep<D> compensation) {
    steps.add(
        new Step<>(
            null, new Local<>(Objects.requireNonNull(name), Objects.requireNonNull(compensation))));
    return this;
  }

  public String name() {
    return name;
  }

  public String replyTopic() {
    return replyTopic;
  }

  List<Step<D>> steps() {
    return steps;
  }

  byte[] encode(D data) {
    return encode.apply(data);
  }

  D decode(byte[] bytes) {
    return decode.apply(bytes);
  }
}
