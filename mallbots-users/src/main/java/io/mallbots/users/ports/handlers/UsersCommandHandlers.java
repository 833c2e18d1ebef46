package io.mallbots.users.ports.handlers;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.NotFound;
import io.mallbots.core.inbox.TxMessageHandler;
import io.mallbots.core.messaging.Message;
import io.mallbots.users.application.UsersApplication;
import io.mallbots.users.application.commands.AuthorizeUser;
import io.mallbots.users.domain.UserId;
import io.mallbots.users.v1.UsersContract;
import io.vertx.core.Future;

/**
 * The saga commands the users service answers (users/v1/commands.proto). Registered with {@code
 * agent.handleCommands}, which runs each command once and replies once: success, or failure with
 * the rejection's code (USER_NOT_FOUND, USER_DISABLED). A command it cannot read is a technical
 * failure: retried, then dead-lettered.
 */
public final class UsersCommandHandlers implements TxMessageHandler {

  public static final String GROUP = "users-commands";

  private final UsersApplication application;

  public UsersCommandHandlers(UsersApplication application) {
    this.application = application;
  }

  @Override
  public Future<Void> handle(Tx tx, Message command) {
    if (!UsersContract.AUTHORIZE_USER.name().equals(command.name())) {
      return Future.failedFuture(new IllegalArgumentException("users cannot handle " + command));
    }
    return Future.succeededFuture(command)
        .map(UsersCommandHandlers::authorizeUser)
        .compose(application::authorizeUser);
  }

  private static AuthorizeUser authorizeUser(Message command) {
    try {
      return new AuthorizeUser(
          userId(UsersContract.AUTHORIZE_USER.parse(command.payload()).getUserId()));
    } catch (InvalidProtocolBufferException unreadable) {
      throw new IllegalArgumentException(command + " is not a readable AuthorizeUser", unreadable);
    }
  }

  /** A saga names users by id; an id that cannot be one names nobody. */
  private static UserId userId(String text) {
    try {
      return UserId.parse(text);
    } catch (Invalid malformed) {
      throw new NotFound("USER_NOT_FOUND", "no user has the id '" + text + "'");
    }
  }
}
