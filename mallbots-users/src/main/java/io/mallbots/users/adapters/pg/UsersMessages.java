package io.mallbots.users.adapters.pg;

import io.mallbots.core.messaging.Message;
import io.mallbots.users.domain.Profile;
import io.mallbots.users.domain.UserDisabled;
import io.mallbots.users.domain.UserEnabled;
import io.mallbots.users.domain.UserEvent;
import io.mallbots.users.domain.UserRegistered;
import io.mallbots.users.domain.UserUpdated;
import java.util.List;

/**
 * The users service's domain events as they travel: protobuf payloads (users/v1/events.proto) named
 * {@code users.<Event>} on {@value #TOPIC}, keyed by the user id so each user's events stay in order.
 */
public final class UsersMessages {

  public static final String TOPIC = "mallbots.users.events.User";

  private UsersMessages() {
  }

  public static List<Message> of(List<UserEvent> events) {
    return events.stream().map(UsersMessages::of).toList();
  }

  public static Message of(UserEvent event) {
    com.google.protobuf.Message payload = payload(event);
    return Message.create(TOPIC, "users." + payload.getDescriptorForType().getName(), event.userId().toString(),
        payload.toByteArray());
  }

  private static com.google.protobuf.Message payload(UserEvent event) {
    String id = event.userId().toString();
    if (event instanceof UserRegistered registered) {
      return io.mallbots.users.v1.UserRegistered.newBuilder().setId(id)
          .setUsername(registered.username().value()).setEmail(registered.email().value()).build();
    } else if (event instanceof UserEnabled) {
      return io.mallbots.users.v1.UserEnabled.newBuilder().setId(id).build();
    } else if (event instanceof UserDisabled) {
      return io.mallbots.users.v1.UserDisabled.newBuilder().setId(id).build();
    } else if (event instanceof UserUpdated updated) {
      Profile profile = updated.profile();
      return io.mallbots.users.v1.UserUpdated.newBuilder().setId(id).setUsername(profile.username().value())
          .setEmail(profile.email().value()).setBio(profile.bio()).setImage(profile.image()).build();
    }
    throw new AssertionError("unmapped event " + event.getClass());
  }
}
