package io.mallbots.users.application;

import io.mallbots.users.domain.UserId;

/** The answer to a successful login. */
public record LoggedIn(UserId userId, Tokens.Issued tokens) {}
