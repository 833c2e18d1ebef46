package io.mallbots.users.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.common.v1.CommandReply;
import io.mallbots.common.v1.Outcome;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.users.RunningUsers;
import io.mallbots.users.v1.AuthorizeUser;
import io.mallbots.users.v1.DisableUserRequest;
import io.mallbots.users.v1.EnableUserRequest;
import io.mallbots.users.v1.RegisterUserRequest;
import io.mallbots.users.v1.UpdateUserRequest;
import io.mallbots.users.v1.UserDisabled;
import io.mallbots.users.v1.UserEnabled;
import io.mallbots.users.v1.UserRegistered;
import io.mallbots.users.v1.UserUpdated;
import io.mallbots.users.v1.UsersContract;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the users service says on a broker, as other services see it: each event leaves through the
 * outbox on its topic, keyed by the user, with its protobuf payload; a saga command arriving on the
 * broker is answered on the broker. Subclassed per broker, unchanged. Brokers keep what earlier
 * runs published, so messages are told apart by their key: ids that are new in every run.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UsersOnTheBrokerContract {

  private static final String REPLIES = "mallbots.ordering.replies.CreateOrder";
  private RunningUsers users;

  @BeforeAll
  void start(Vertx vertx) {
    users = RunningUsers.on(vertx, eventServer(), UsersContract.USER_EVENTS, REPLIES);
  }

  /** kafka, nats or memory. */
  abstract String eventServer();

  @AfterAll
  void stop() {
    users.close();
  }

  @Test
  void every_user_event_reaches_the_user_topic_in_order() throws Exception {
    String id = register("yara");
    users
        .grpc()
        .updateUser(UpdateUserRequest.newBuilder().setId(id).setBio("robots!").build())
        .await();
    users.grpc().disableUser(DisableUserRequest.newBuilder().setId(id).build()).await();
    users.grpc().enableUser(EnableUserRequest.newBuilder().setId(id).build()).await();

    List<Message> events = arrived(id, 4);
    assertThat(events)
        .allSatisfy(event -> assertThat(event.topic()).isEqualTo(UsersContract.USER_EVENTS));
    assertThat(UserRegistered.parseFrom(events.get(0).payload()))
        .isEqualTo(
            UserRegistered.newBuilder()
                .setId(id)
                .setUsername("yara")
                .setEmail("yara@example.com")
                .build());
    assertThat(UserUpdated.parseFrom(events.get(1).payload()))
        .isEqualTo(
            UserUpdated.newBuilder()
                .setId(id)
                .setUsername("yara")
                .setEmail("yara@example.com")
                .setBio("robots!")
                .build());
    assertThat(UserDisabled.parseFrom(events.get(2).payload()))
        .isEqualTo(UserDisabled.newBuilder().setId(id).build());
    assertThat(UserEnabled.parseFrom(events.get(3).payload()))
        .isEqualTo(UserEnabled.newBuilder().setId(id).build());
    assertThat(events)
        .extracting(Message::name)
        .containsExactly(
            "users.UserRegistered", "users.UserUpdated", "users.UserDisabled", "users.UserEnabled");
  }

  @Test
  void an_authorize_user_command_is_answered_on_the_reply_topic() throws Exception {
    String shopper = register("zoe");
    String disabled = register("zack");
    users.grpc().disableUser(DisableUserRequest.newBuilder().setId(disabled).build()).await();

    String firstOrder = sendAuthorize(shopper);
    String secondOrder = sendAuthorize(disabled);

    assertThat(replyTo(firstOrder).getOutcome()).isEqualTo(Outcome.OUTCOME_SUCCESS);
    CommandReply refused = replyTo(secondOrder);
    assertThat(refused.getOutcome()).isEqualTo(Outcome.OUTCOME_FAILURE);
    assertThat(refused.getCode()).isEqualTo("USER_DISABLED");
  }

  private String register(String username) {
    return users
        .grpc()
        .registerUser(
            RegisterUserRequest.newBuilder()
                .setUsername(username)
                .setEmail(username + "@example.com")
                .setPassword("password-of-" + username)
                .build())
        .await()
        .getId();
  }

  private String sendAuthorize(String userId) {
    String orderId = UUID.randomUUID().toString();
    users.publish(
        Message.create(
                UsersContract.COMMANDS,
                UsersContract.Names.AUTHORIZE_USER,
                orderId,
                AuthorizeUser.newBuilder().setUserId(userId).build().toByteArray())
            .withMetadata(Map.of(Metadata.REPLY_TO, REPLIES, Metadata.SAGA_ID, orderId)));
    return orderId;
  }

  private CommandReply replyTo(String orderId) throws Exception {
    Message reply = arrived(orderId, 1).get(0);
    assertThat(reply.topic()).isEqualTo(REPLIES);
    assertThat(reply.metadata()).containsEntry(Metadata.SAGA_ID, orderId);
    return CommandReply.parseFrom(reply.payload());
  }

  /** The {@code count} messages keyed by {@code aggregateId}, in the order they arrived. */
  private List<Message> arrived(String aggregateId, int count) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> users.publishedAbout(aggregateId).size() >= count);
    List<Message> messages = users.publishedAbout(aggregateId);
    assertThat(messages).hasSize(count);
    return messages;
  }
}
