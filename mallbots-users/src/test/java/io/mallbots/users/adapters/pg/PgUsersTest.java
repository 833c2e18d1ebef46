package io.mallbots.users.adapters.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.db.Database;
import io.mallbots.core.domain.AlreadyExists;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.NotFound;
import io.mallbots.core.messaging.Message;
import io.mallbots.users.UsersDatabase;
import io.mallbots.users.domain.Email;
import io.mallbots.users.domain.PasswordHash;
import io.mallbots.users.domain.Profile;
import io.mallbots.users.domain.ProfileUpdate;
import io.mallbots.users.domain.User;
import io.mallbots.users.domain.UserEvent;
import io.mallbots.users.domain.UserId;
import io.mallbots.users.domain.Username;
import io.mallbots.users.v1.UserRegistered;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgUsersTest {

  private static final PasswordHash HASH = new PasswordHash("$2a$04$abcdefghijklmnopqrstuu");
  private final UsersDatabase schema = new UsersDatabase("users_repo");
  private final Database database = schema.database();
  private final PgUsers users = new PgUsers(database);

  @AfterAll
  void drop() {
    schema.close();
  }

  @BeforeEach
  void empty() {
    schema.empty();
  }

  @Test
  void a_registered_user_is_found_by_id_and_by_username() {
    User alice = register("alice", "alice@example.com").aggregate();

    assertThat(users.find(alice.id()).await()).contains(alice);
    assertThat(users.findByUsername("alice").await()).contains(alice);
    assertThat(users.findByUsername("Alice").await()).isEmpty();
    assertThat(users.find(UserId.random()).await()).isEmpty();
  }

  @Test
  void a_registration_and_its_event_commit_together() throws Exception {
    User alice = register("alice", "alice@example.com").aggregate();

    List<Message> outbox = schema.outbox();
    assertThat(outbox).hasSize(1);
    Message event = outbox.get(0);
    assertThat(event.topic()).isEqualTo("mallbots.users.events.User");
    assertThat(event.name()).isEqualTo("users.UserRegistered");
    assertThat(event.aggregateId()).isEqualTo(alice.id().toString());
    assertThat(UserRegistered.parseFrom(event.payload()))
        .isEqualTo(
            UserRegistered.newBuilder()
                .setId(alice.id().toString())
                .setUsername("alice")
                .setEmail("alice@example.com")
                .build());
  }

  @Test
  void a_rolled_back_registration_leaves_neither_user_nor_event() {
    Changed<User, UserEvent> change =
        User.register(UserId.random(), profile("bob", "bob@example.com"), HASH);

    assertThatThrownBy(
            () ->
                database
                    .inTransaction(
                        tx ->
                            users
                                .add(tx, change)
                                .compose(
                                    added ->
                                        Future.failedFuture(
                                            new IllegalStateException("later step failed"))))
                    .await())
        .hasMessage("later step failed");

    assertThat(users.find(change.aggregate().id()).await()).isEmpty();
    assertThat(schema.outbox()).isEmpty();
  }

  @Test
  void a_taken_username_is_refused_by_name() {
    register("alice", "alice@example.com");

    assertThatThrownBy(() -> register("alice", "other@example.com"))
        .isInstanceOfSatisfying(
            AlreadyExists.class, e -> assertThat(e.code()).isEqualTo("USERNAME_TAKEN"))
        .hasMessage("username alice is taken");
    assertThat(schema.outbox()).hasSize(1);
  }

  @Test
  void an_email_is_taken_whatever_its_letter_case() {
    register("alice", "alice@example.com");

    assertThatThrownBy(() -> register("alice2", "ALICE@Example.com"))
        .isInstanceOfSatisfying(
            AlreadyExists.class, e -> assertThat(e.code()).isEqualTo("EMAIL_TAKEN"));
  }

  @Test
  void a_saved_change_replaces_the_stored_user_and_adds_its_events() {
    User alice = register("alice", "alice@example.com").aggregate();
    ProfileUpdate update =
        new ProfileUpdate(
            Optional.of(new Username("alicia")),
            Optional.empty(),
            Optional.of("bio"),
            Optional.of("https://img.example.com/a.png"),
            Optional.of(new PasswordHash("$2a$04$new")));

    User saved =
        database
            .inTransaction(
                tx ->
                    users
                        .lock(tx, alice.id())
                        .compose(found -> users.save(tx, found.update(update))))
            .await();

    assertThat(users.find(alice.id()).await()).contains(saved);
    assertThat(saved.profile().username().value()).isEqualTo("alicia");
    assertThat(saved.password().value()).isEqualTo("$2a$04$new");
    assertThat(schema.outbox())
        .extracting(Message::name)
        .containsExactly("users.UserRegistered", "users.UserUpdated");
  }

  @Test
  void locking_a_missing_user_is_refused_as_not_found() {
    assertThatThrownBy(() -> database.inTransaction(tx -> users.lock(tx, UserId.random())).await())
        .isInstanceOfSatisfying(
            NotFound.class, e -> assertThat(e.code()).isEqualTo("USER_NOT_FOUND"));
  }

  @Test
  void a_change_to_a_taken_username_is_refused() {
    register("alice", "alice@example.com");
    User bob = register("bob", "bob@example.com").aggregate();
    ProfileUpdate takeAlice =
        new ProfileUpdate(
            Optional.of(new Username("alice")),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    assertThatThrownBy(
            () -> database.inTransaction(tx -> users.save(tx, bob.update(takeAlice))).await())
        .isInstanceOf(AlreadyExists.class);
    assertThat(users.find(bob.id()).await()).contains(bob);
  }

  private Changed<User, UserEvent> register(String username, String email) {
    Changed<User, UserEvent> change =
        User.register(UserId.random(), profile(username, email), HASH);
    database.inTransaction(tx -> users.add(tx, change)).await();
    return change;
  }

  private static Profile profile(String username, String email) {
    return new Profile(new Username(username), new Email(email), "", "");
  }
}
