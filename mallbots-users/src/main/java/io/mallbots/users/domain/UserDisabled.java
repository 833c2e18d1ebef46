package io.mallbots.users.domain;

/** A user was disabled; the user can no longer log in or order. */
public record UserDisabled(UserId userId) implements UserEvent {}
