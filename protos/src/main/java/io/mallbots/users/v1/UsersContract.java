package io.mallbots.users.v1;

import io.mallbots.common.v1.MessageType;

/**
 * The names users publishes and answers under: its event topic, its command topic and one typed
 * constant per event and command of {@code events.proto} and {@code commands.proto}. The envelope
 * names are {@code users.<ProtoMessage>}; they are on the wire, so they never change.
 */
public final class UsersContract {

  public static final String USER_EVENTS = "mallbots.users.events.User";
  public static final String COMMANDS = "mallbots.users.commands";

  /** The envelope names as compile-time constants, for switch labels. */
  public static final class Names {
    public static final String USER_REGISTERED = "users.UserRegistered";
    public static final String USER_ENABLED = "users.UserEnabled";
    public static final String USER_DISABLED = "users.UserDisabled";
    public static final String USER_UPDATED = "users.UserUpdated";
    public static final String AUTHORIZE_USER = "users.AuthorizeUser";

    private Names() {}
  }

  public static final MessageType<UserRegistered> USER_REGISTERED =
      new MessageType<>(USER_EVENTS, Names.USER_REGISTERED, UserRegistered.parser());
  public static final MessageType<UserEnabled> USER_ENABLED =
      new MessageType<>(USER_EVENTS, Names.USER_ENABLED, UserEnabled.parser());
  public static final MessageType<UserDisabled> USER_DISABLED =
      new MessageType<>(USER_EVENTS, Names.USER_DISABLED, UserDisabled.parser());
  public static final MessageType<UserUpdated> USER_UPDATED =
      new MessageType<>(USER_EVENTS, Names.USER_UPDATED, UserUpdated.parser());

  public static final MessageType<AuthorizeUser> AUTHORIZE_USER =
      new MessageType<>(COMMANDS, Names.AUTHORIZE_USER, AuthorizeUser.parser());

  private UsersContract() {}
}
