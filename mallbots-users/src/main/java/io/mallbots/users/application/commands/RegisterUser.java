package io.mallbots.users.application.commands;

import io.mallbots.users.domain.Password;
import io.mallbots.users.domain.Profile;

public record RegisterUser(Profile profile, Password password) {}
