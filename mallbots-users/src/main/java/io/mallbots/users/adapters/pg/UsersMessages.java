package io.mallbots.users.adapters.pg;

import io.mallbots.core.messaging.Message;
import io.mallbots.users.domain.Profile;
import io.mallbots.users.domain.UserDisabled;
import io.mallbots.users.domain.UserEnabled;
import io.mallbots.users.domain.UserEvent;
import io.mallbots.users.domain.UserRegistered;
import io.mallbots.users.domain.UserUpdated;
import io.mallbots.users.v1.UsersContract;
import java.util.List;

/**
 * The users service's domain events as they travel: protobuf payloads (users/v1/events.proto) named
 * by {@link UsersContract} on its user topic, keyed by the user id so each user's events stay in
 * order.
 */
public final class UsersMessages {

  private UsersMessages() {}

  public static List<Message> of(List<UserEvent> events) {
    return events.stream().map(UsersMessages::of).toList();
  }

  // Java 17 has no pattern matching for switch: an instanceof chain, closed by the sealed
  // interface.
  public static Message of(UserEvent event) {
    String id = event.userId().toString();
    if (event instanceof UserRegistered registered) {
      return Message.of(
          UsersContract.USER_REGISTERED,
          id,
          io.mallbots.users.v1.UserRegistered.newBuilder()
              .setId(id)
              .setUsername(registered.username().value())
              .setEmail(registered.email().value())
              .build());
    } else if (event instanceof UserEnabled) {
      return Message.of(
          UsersContract.USER_ENABLED,
          id,
          io.mallbots.users.v1.UserEnabled.newBuilder().setId(id).build());
    } else if (event instanceof UserDisabled) {
      return Message.of(
          UsersContract.USER_DISABLED,
          id,
          io.mallbots.users.v1.UserDisabled.newBuilder().setId(id).build());
    } else if (event instanceof UserUpdated updated) {
      Profile profile = updated.profile();
      return Message.of(
          UsersContract.USER_UPDATED,
          id,
          io.mallbots.users.v1.UserUpdated.newBuilder()
              .setId(id)
              .setUsername(profile.username().value())
              .setEmail(profile.email().value())
              .setBio(profile.bio())
              .setImage(profile.image())
              .build());
    }
    throw new AssertionError("unmapped event " + event.getClass());
  }
}
