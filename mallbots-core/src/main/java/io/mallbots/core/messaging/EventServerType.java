package io.mallbots.core.messaging;

/** Which broker carries the events ({@code EVENT_SERVER_TYPE}). */
public enum EventServerType {
  KAFKA,
  NATS,
  /** In-JVM broker: unit tests and single-JVM demos only; nothing survives a restart. */
  MEMORY
}
