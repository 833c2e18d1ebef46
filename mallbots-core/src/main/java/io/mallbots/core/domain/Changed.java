package io.mallbots.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * What a domain operation on an immutable aggregate gives back: the aggregate after the change and
 * the events the change raised, in order (none when the operation changed nothing, e.g. a repeated
 * command). The application saves the one and publishes the others in the same transaction. Plain
 * data; any thread.
 *
 * @param <A> the aggregate
 * @param <E> the aggregate's event type (a sealed interface of records)
 */
public record Changed<A, E>(A aggregate, List<E> events) {

  public Changed {
    Objects.requireNonNull(aggregate, "aggregate");
    events = List.copyOf(events);
  }

  /** {@code aggregate} after a change that raised {@code event}. */
  public static <A, E> Changed<A, E> of(A aggregate, E event) {
    return new Changed<>(aggregate, List.of(event));
  }

  /**
   * {@code aggregate} after an operation nobody else hears about (a private detail changed, or
   * nothing did).
   */
  public static <A, E> Changed<A, E> silently(A aggregate) {
    return new Changed<>(aggregate, List.of());
  }
}
