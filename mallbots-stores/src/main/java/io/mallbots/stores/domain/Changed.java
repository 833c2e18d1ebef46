package io.mallbots.stores.domain;

/**
 * What a domain operation gives back: the aggregate after the change and the event that tells others
 * about it. The application saves the one and publishes the other in the same transaction.
 */
public record Changed<A, E>(A aggregate, E event) {
}
