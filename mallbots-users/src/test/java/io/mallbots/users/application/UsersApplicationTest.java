package io.mallbots.users.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.core.domain.AlreadyExists;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.PermissionDenied;
import io.mallbots.core.domain.TooManyRequests;
import io.mallbots.core.domain.Unauthenticated;
import io.mallbots.core.messaging.Message;
import io.mallbots.users.UsersDatabase;
import io.mallbots.users.application.commands.DisableUser;
import io.mallbots.users.application.commands.LogIn;
import io.mallbots.users.application.commands.RegisterUser;
import io.mallbots.users.application.commands.UpdateUser;
import io.mallbots.users.domain.Email;
import io.mallbots.users.domain.Password;
import io.mallbots.users.domain.PasswordHash;
import io.mallbots.users.domain.Profile;
import io.mallbots.users.domain.UserId;
import io.mallbots.users.domain.Username;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The use cases on real PostgreSQL: what they publish, and how they behave when requests race. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsersApplicationTest {

  private final UsersDatabase schema = new UsersDatabase("users_app");
  private final AtomicInteger bcryptRuns = new AtomicInteger();
  private UsersApplication application;

  @BeforeAll
  void start() {
    Passwords bcrypt = schema.passwords();
    Passwords counted =
        new Passwords() {
          @Override
          public Future<PasswordHash> hash(Password password) {
            bcryptRuns.incrementAndGet();
            return bcrypt.hash(password);
          }

          @Override
          public Future<Boolean> matches(Password password, PasswordHash hash) {
            bcryptRuns.incrementAndGet();
            return bcrypt.matches(password, hash);
          }
        };
    application = schema.application(counted);
  }

  @AfterAll
  void stop() {
    schema.close();
  }

  @BeforeEach
  void empty() {
    schema.empty();
  }

  @Test
  void an_unknown_username_costs_as_much_bcrypt_as_a_wrong_password() {
    register("uma");

    bcryptRuns.set(0);
    Throwable unknown =
        failure(application.logIn(new LogIn("nobody", Password.offered("password-of-uma"))));
    int forUnknown = bcryptRuns.getAndSet(0);
    Throwable wrong =
        failure(application.logIn(new LogIn("uma", Password.offered("not-the-password"))));

    assertThat(bcryptRuns.get()).isEqualTo(forUnknown).isEqualTo(1);
    assertThat(unknown).isInstanceOf(Unauthenticated.class).hasMessage(wrong.getMessage());
  }

  @Test
  void a_username_refused_for_too_many_attempts_may_try_again_a_minute_later() {
    register("ursula");
    MovableClock clock = new MovableClock(Instant.parse("2030-01-01T12:00:00Z"));
    UsersApplication limited =
        schema.application(schema.passwords(), new LoginLimits(2, 100, clock));
    LogIn right = new LogIn("ursula", Password.offered("password-of-ursula"), "192.0.2.1");
    limited.logIn(right).await();
    clock.advance(Duration.ofSeconds(20));
    limited.logIn(right).await();

    Throwable refused = failure(limited.logIn(right));
    clock.advance(Duration.ofSeconds(40));

    assertThat(refused)
        .isInstanceOf(TooManyRequests.class)
        .hasMessageContaining("try again in 40 seconds");
    assertThat(((TooManyRequests) refused).retryAfter()).isEqualTo(Duration.ofSeconds(40));
    assertThat(limited.logIn(right).await().tokens().accessToken()).isNotBlank();
  }

  @Test
  void a_password_change_needs_the_current_password_and_runs_no_bcrypt_without_it() {
    UserId id = register("ulla");
    bcryptRuns.set(0);

    Throwable missing =
        failure(
            application.updateUser(
                new UpdateUser(
                    id,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("changed"),
                    Optional.empty(),
                    Optional.of(Password.choose("a-brand-new-secret")),
                    Optional.empty(),
                    null)));
    assertThat(bcryptRuns.get()).isZero();
    Throwable wrong =
        failure(
            application.updateUser(
                new UpdateUser(
                    id,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("changed"),
                    Optional.empty(),
                    Optional.of(Password.choose("a-brand-new-secret")),
                    Optional.of(Password.offered("not-the-password")),
                    null)));

    assertThat(missing)
        .isInstanceOf(PermissionDenied.class)
        .hasMessage("changing the password needs the current password");
    assertThat(wrong)
        .isInstanceOf(PermissionDenied.class)
        .hasMessage("the current password is wrong");
    assertThat(bcryptRuns.get())
        .as("only the check of the wrong password, no hash of the new one")
        .isEqualTo(1);
    assertThat(eventNames()).containsExactly("users.UserRegistered");
    application.logIn(new LogIn("ulla", Password.offered("password-of-ulla"))).await();
  }

  @Test
  void an_update_that_changes_nothing_publishes_nothing() {
    UserId id = register("vera");

    application
        .updateUser(
            new UpdateUser(
                id,
                Optional.of(new Username("vera")),
                Optional.empty(),
                Optional.of(""),
                Optional.empty()))
        .await();

    assertThat(eventNames()).containsExactly("users.UserRegistered");
  }

  @Test
  void of_two_racing_disables_one_wins_and_one_event_is_published() {
    UserId id = register("walt");

    Future<Void> first = application.disableUser(new DisableUser(id));
    Future<Void> second = application.disableUser(new DisableUser(id));
    Future.join(first, second).otherwiseEmpty().await();

    assertThat(List.of(first.succeeded(), second.succeeded()))
        .containsExactlyInAnyOrder(true, false);
    assertThat(first.failed() ? first.cause() : second.cause()).isInstanceOf(Conflict.class);
    assertThat(eventNames()).containsExactly("users.UserRegistered", "users.UserDisabled");
  }

  @Test
  void of_two_racing_registrations_of_one_username_one_wins() {
    Future<UserId> first = application.registerUser(registration("xena", "xena@example.com"));
    Future<UserId> second = application.registerUser(registration("xena", "xena2@example.com"));
    Future.join(first, second).otherwiseEmpty().await();

    assertThat(List.of(first.succeeded(), second.succeeded()))
        .containsExactlyInAnyOrder(true, false);
    assertThat(first.failed() ? first.cause() : second.cause()).isInstanceOf(AlreadyExists.class);
    assertThat(eventNames()).containsExactly("users.UserRegistered");
  }

  private UserId register(String username) {
    return application.registerUser(registration(username, username + "@example.com")).await();
  }

  private static RegisterUser registration(String username, String email) {
    return new RegisterUser(
        new Profile(new Username(username), new Email(email), "", ""),
        Password.choose("password-of-" + username));
  }

  private List<String> eventNames() {
    return schema.outbox().stream().map(Message::name).toList();
  }

  private static Throwable failure(Future<?> future) {
    Future.join(List.of(future)).otherwiseEmpty().await();
    return future.cause();
  }
}
