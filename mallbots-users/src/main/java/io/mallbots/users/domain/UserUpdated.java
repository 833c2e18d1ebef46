package io.mallbots.users.domain;

/** A user's profile changed; carries the whole profile after the change. */
public record UserUpdated(UserId userId, Profile profile) implements UserEvent {}
