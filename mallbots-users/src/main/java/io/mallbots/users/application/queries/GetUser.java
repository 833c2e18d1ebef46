package io.mallbots.users.application.queries;

import io.mallbots.users.domain.UserId;

public record GetUser(UserId id) {}
