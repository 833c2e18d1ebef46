package io.mallbots.core.saga;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The steps of an orchestrated saga, in order. A step has an action (a command sent going forward), a
 * compensation (a command sent when a later step fails), or both. Going forward, steps without an
 * action are skipped; compensating, the steps before the failed one run their compensations backwards.
 * Replies come back on {@link #replyTopic()}; the saga's data is stored with {@link #encode}.
 *
 * <pre>{@code
 * SagaDefinition.<OrderData>named("create-order", "mallbots.ordering.replies.CreateOrder",
 *         OrderData::toBytes, OrderData::fromBytes)
 *     .compensation(s -> rejectOrder(s))
 *     .action(s -> authorizeUser(s))
 *     .action(s -> confirmPayment(s))
 *     .action(s -> approveOrder(s));
 * }</pre>
 */
public final class SagaDefinition<D> {

  /** One step; either function may be null. */
  record Step<D>(Function<SagaState<D>, SagaCommand> action, Function<SagaState<D>, SagaCommand> compensation) {
  }

  private final String name;
  private final String replyTopic;
  private final Function<D, byte[]> encode;
  private final Function<byte[], D> decode;
  private final List<Step<D>> steps = new ArrayList<>();

  private SagaDefinition(String name, String replyTopic, Function<D, byte[]> encode, Function<byte[], D> decode) {
    this.name = Objects.requireNonNull(name);
    this.replyTopic = Objects.requireNonNull(replyTopic);
    this.encode = Objects.requireNonNull(encode);
    this.decode = Objects.requireNonNull(decode);
  }

  public static <D> SagaDefinition<D> named(String name, String replyTopic, Function<D, byte[]> encode,
                                            Function<byte[], D> decode) {
    return new SagaDefinition<>(name, replyTopic, encode, decode);
  }

  /** A step with only an action. */
  public SagaDefinition<D> action(Function<SagaState<D>, SagaCommand> action) {
    return step(Objects.requireNonNull(action), null);
  }

  /** A step with only a compensation (e.g. step 0: reject what was created before the saga). */
  public SagaDefinition<D> compensation(Function<SagaState<D>, SagaCommand> compensation) {
    return step(null, Objects.requireNonNull(compensation));
  }

  /** A step with an action and the compensation that undoes it. */
  public SagaDefinition<D> step(Function<SagaState<D>, SagaCommand> action,
                                Function<SagaState<D>, SagaCommand> compensation) {
    steps.add(new Step<>(action, compensation));
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
