package io.mallbots.users.domain;

/** A disabled user was enabled again. */
public record UserEnabled(UserId userId) implements UserEvent {}
