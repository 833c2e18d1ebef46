package io.mallbots.users.domain;

/** A user registered; the user is enabled. */
public record UserRegistered(UserId userId, Username username, Email email) implements UserEvent {}
