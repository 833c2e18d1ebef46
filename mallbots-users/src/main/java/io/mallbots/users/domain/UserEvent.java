package io.mallbots.users.domain;

/** What happened to a user that other services may care about. */
public sealed interface UserEvent permits UserRegistered, UserEnabled, UserDisabled, UserUpdated {

  UserId userId();
}
