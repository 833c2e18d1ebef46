package io.mallbots.baskets.domain;

/**
 * What a domain operation that others hear about gives back: the aggregate after the change and the event
 * that tells them. The application saves the one and publishes the other in the same transaction.
 */
public record Changed<A, E>(A aggregate, E event) {
}
