package io.mallbots.users.ports.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.common.v1.CommandReply;
import io.mallbots.common.v1.Outcome;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.users.RunningUsers;
import io.mallbots.users.v1.AuthorizeUser;
import io.mallbots.users.v1.DisableUserRequest;
import io.mallbots.users.v1.RegisterUserRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Step 1 of the create-order saga as ordering sees it: a command on the broker, a reply on the broker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizeUserSagaStepTest {

  private static final String REPLIES = "mallbots.ordering.replies.CreateOrder";
  private final RunningUsers users = new RunningUsers(REPLIES);

  @AfterAll
  void stop() {
    users.close();
  }

  @Test
  void an_enabled_user_is_authorized_and_a_disabled_one_refused() throws Exception {
    String shopper = register("sam");
    String disabled = register("tess");
    users.grpc().disableUser(DisableUserRequest.newBuilder().setId(disabled).build()).await();

    String firstOrder = sendAuthorize(shopper);
    String secondOrder = sendAuthorize(disabled);

    assertThat(replyTo(firstOrder).getOutcome()).isEqualTo(Outcome.OUTCOME_SUCCESS);
    CommandReply refused = replyTo(secondOrder);
    assertThat(refused.getOutcome()).isEqualTo(Outcome.OUTCOME_FAILURE);
    assertThat(refused.getCode()).isEqualTo("USER_DISABLED");
  }

  private String register(String username) {
    return users.grpc().registerUser(RegisterUserRequest.newBuilder().setUsername(username)
        .setEmail(username + "@example.com").setPassword("password-of-" + username).build()).await().getId();
  }

  private String sendAuthorize(String userId) {
    String orderId = UUID.randomUUID().toString();
    users.publish(Message.create(UsersCommandHandlers.TOPIC, UsersCommandHandlers.AUTHORIZE_USER, orderId,
            AuthorizeUser.newBuilder().setUserId(userId).build().toByteArray())
        .withMetadata(Map.of(Metadata.REPLY_TO, REPLIES, Metadata.SAGA_ID, orderId)));
    return orderId;
  }

  private CommandReply replyTo(String orderId) throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(() -> !users.publishedAbout(orderId).isEmpty());
    Message reply = users.publishedAbout(orderId).get(0);
    assertThat(reply.metadata()).containsEntry(Metadata.SAGA_ID, orderId);
    return CommandReply.parseFrom(reply.payload());
  }
}
