package io.mallbots.users.adapters.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.users.domain.Password;
import io.mallbots.users.domain.PasswordHash;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BcryptPasswordsTest {

  private Vertx vertx;
  private BcryptPasswords passwords;

  @BeforeEach
  void cheapest(Vertx vertx) {
    this.vertx = vertx;
    this.passwords = new BcryptPasswords(vertx, 4);
  }

  @Test
  void a_hash_is_salted_bcrypt_at_the_configured_cost_and_never_the_password() {
    Password password = Password.choose("correct horse");

    PasswordHash first = passwords.hash(password).await();
    PasswordHash second = passwords.hash(password).await();

    assertThat(first.value()).startsWith("$2a$04$").doesNotContain("correct horse");
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void the_right_password_matches_its_hash_and_a_wrong_one_does_not() {
    PasswordHash hash = passwords.hash(Password.choose("correct horse")).await();

    assertThat(passwords.matches(Password.offered("correct horse"), hash).await()).isTrue();
    assertThat(passwords.matches(Password.offered("correct horsf"), hash).await()).isFalse();
  }

  @Test
  void hashing_leaves_the_event_loop_free(VertxTestContext test) {
    BcryptPasswords slow = new BcryptPasswords(vertx, 12);
    vertx
        .getOrCreateContext()
        .runOnContext(
            v -> {
              Future<PasswordHash> hashing = slow.hash(Password.choose("correct horse"));
              // Had the hash been computed on this event loop, it would be done before the loop
              // could run the timer.
              vertx.setTimer(
                  1,
                  t ->
                      test.verify(
                          () -> {
                            assertThat(hashing.isComplete()).isFalse();
                            test.completeNow();
                          }));
            });
  }

  @Test
  void a_cost_outside_bcrypts_range_is_refused() {
    assertThatThrownBy(() -> new BcryptPasswords(vertx, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BcryptPasswords(vertx, 32))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
