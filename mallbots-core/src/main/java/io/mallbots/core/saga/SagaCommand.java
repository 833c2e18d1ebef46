package io.mallbots.core.saga;

/**
 * A command a saga step sends: the topic it goes to, its envelope name, and its protobuf payload.
 * The orchestrator addresses it (reply topic, saga id) and adds it to the outbox.
 */
public record SagaCommand(String topic, String name, byte[] payload) {}
