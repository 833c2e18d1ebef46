package io.mallbots.users.ports.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.common.v1.CommandReply;
import io.mallbots.common.v1.Outcome;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.saga.CommandHandling;
import io.mallbots.users.UsersDatabase;
import io.mallbots.users.application.UsersApplication;
import io.mallbots.users.application.commands.DisableUser;
import io.mallbots.users.application.commands.RegisterUser;
import io.mallbots.users.domain.Email;
import io.mallbots.users.domain.Password;
import io.mallbots.users.domain.Profile;
import io.mallbots.users.domain.UserId;
import io.mallbots.users.domain.Username;
import io.mallbots.users.v1.AuthorizeUser;
import io.mallbots.users.v1.UsersContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The AuthorizeUser saga command as the core's command handling runs it, on real PostgreSQL and
 * without a relay, so that the outbox shows every reply that was ever written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsersCommandHandlersTest {

  private static final String REPLIES = "mallbots.ordering.replies.CreateOrder";
  private final UsersDatabase schema = new UsersDatabase("users_commands");
  private final UsersApplication application = schema.application(schema.passwords());
  private final MessageHandler handler =
      CommandHandling.exactlyOnce(
          schema.database(), UsersCommandHandlers.GROUP, new UsersCommandHandlers(application));

  @AfterAll
  void stop() {
    schema.close();
  }

  @BeforeEach
  void empty() {
    schema.empty();
  }

  @Test
  void the_same_command_twice_gets_one_success_reply() throws Exception {
    Message command = authorize(register("quinn").toString());

    handler.handle(command).await();
    handler.handle(command).await();

    List<Message> replies = replies();
    assertThat(replies).hasSize(1);
    assertThat(CommandReply.parseFrom(replies.get(0).payload()).getOutcome())
        .isEqualTo(Outcome.OUTCOME_SUCCESS);
    assertThat(replies.get(0).metadata())
        .containsEntry(Metadata.COMMAND, UsersContract.Names.AUTHORIZE_USER)
        .containsEntry(Metadata.CAUSATION_ID, command.id());
  }

  @Test
  void a_disabled_user_is_refused_with_user_disabled_once() throws Exception {
    UserId id = register("rose");
    application.disableUser(new DisableUser(id)).await();
    Message command = authorize(id.toString());

    handler.handle(command).await();
    handler.handle(command).await();

    assertThat(failureCodes()).containsExactly("USER_DISABLED");
  }

  @Test
  void an_unknown_or_malformed_user_id_is_refused_with_user_not_found() throws Exception {
    handler.handle(authorize(UUID.randomUUID().toString())).await();
    handler.handle(authorize("not-a-uuid")).await();

    assertThat(failureCodes()).containsExactly("USER_NOT_FOUND", "USER_NOT_FOUND");
  }

  @Test
  void a_command_it_does_not_know_is_a_technical_failure_without_reply() {
    Message unknown =
        Message.create(UsersContract.COMMANDS, "users.DeleteEverything", "order-1", new byte[0])
            .withMetadata(Metadata.REPLY_TO, REPLIES);

    assertThatThrownBy(() -> handler.handle(unknown).await()).hasMessageContaining("cannot handle");
    assertThat(replies()).isEmpty();
  }

  private UserId register(String username) {
    return application
        .registerUser(
            new RegisterUser(
                new Profile(new Username(username), new Email(username + "@example.com"), "", ""),
                Password.choose("password-of-" + username)))
        .await();
  }

  private static Message authorize(String userId) {
    String orderId = UUID.randomUUID().toString();
    return Message.create(
            UsersContract.COMMANDS,
            UsersContract.Names.AUTHORIZE_USER,
            orderId,
            AuthorizeUser.newBuilder().setUserId(userId).build().toByteArray())
        .withMetadata(Map.of(Metadata.REPLY_TO, REPLIES, Metadata.SAGA_ID, orderId));
  }

  private List<String> failureCodes() throws Exception {
    List<String> codes = new ArrayList<>();
    for (Message reply : replies()) {
      CommandReply body = CommandReply.parseFrom(reply.payload());
      assertThat(body.getOutcome()).isEqualTo(Outcome.OUTCOME_FAILURE);
      codes.add(body.getCode());
    }
    return codes;
  }

  private List<Message> replies() {
    return schema.outbox().stream().filter(message -> message.topic().equals(REPLIES)).toList();
  }
}
