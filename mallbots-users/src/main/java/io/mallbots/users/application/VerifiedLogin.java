package io.mallbots.users.application;

import io.mallbots.users.domain.UserId;
import io.mallbots.users.domain.Username;
import java.time.Instant;

/** Whose access token it is, and until when it is accepted. */
public record VerifiedLogin(UserId userId, Username username, Instant expiresAt) {}
