package io.mallbots.notifications.application.commands;

import io.mallbots.notifications.domain.Recipient;

/** Keep a user's name and address for the notifications to come (from users' events). */
public record RememberUser(Recipient user) {}
