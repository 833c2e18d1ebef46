package io.mallbots.users.application.commands;

import io.mallbots.users.domain.UserId;

public record AuthorizeUser(UserId id) {}
