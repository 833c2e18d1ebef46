package io.mallbots.notifications.application.queries;

import io.mallbots.core.domain.Actor;

/**
 * One page of a user's notices, as the wire asks for it: {@code next} empty for the first page,
 * {@code limit} 0 for the default size; {@code actor} must be allowed to act for the user.
 */
public record GetNotifications(Actor actor, String userId, String next, int limit) {}
