package io.mallbots.users.domain;

import java.util.List;

/** A user after a change, with the events the change raised (none when nothing changed). */
public record UserChange(User user, List<UserEvent> events) {

  public UserChange {
    events = List.copyOf(events);
  }
}
