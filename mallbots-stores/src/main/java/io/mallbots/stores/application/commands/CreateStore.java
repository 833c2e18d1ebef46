package io.mallbots.stores.application.commands;

/** Open a store; {@code ownerId} may be empty. */
public record CreateStore(String name, String location, String ownerId) {
}
