package io.mallbots.users.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Conflict;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserTest {

  private static final UserId ID = UserId.random();
  private static final PasswordHash HASH = new PasswordHash("$2a$04$hash");
  private static final Profile ALICE =
      new Profile(new Username("alice"), new Email("alice@example.com"), "hi", "");

  @Test
  void a_registered_user_is_enabled_and_announced() {
    Changed<User, UserEvent> registered = User.register(ID, ALICE, HASH);

    assertThat(registered.aggregate().enabled()).isTrue();
    assertThat(registered.events())
        .containsExactly(new UserRegistered(ID, ALICE.username(), ALICE.email()));
  }

  @Test
  void disabling_an_enabled_user_is_announced() {
    Changed<User, UserEvent> disabled = alice().disable();

    assertThat(disabled.aggregate().enabled()).isFalse();
    assertThat(disabled.events()).containsExactly(new UserDisabled(ID));
  }

  @Test
  void a_disabled_user_cannot_be_disabled_again() {
    User disabled = alice().disable().aggregate();

    assertThatThrownBy(disabled::disable)
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("USER_ALREADY_DISABLED"));
  }

  @Test
  void enabling_a_disabled_user_is_announced() {
    Changed<User, UserEvent> enabled = alice().disable().aggregate().enable();

    assertThat(enabled.aggregate().enabled()).isTrue();
    assertThat(enabled.events()).containsExactly(new UserEnabled(ID));
  }

  @Test
  void an_enabled_user_cannot_be_enabled_again() {
    assertThatThrownBy(alice()::enable)
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("USER_ALREADY_ENABLED"));
  }

  @Test
  void a_disabled_user_is_refused_with_user_disabled() {
    User disabled = alice().disable().aggregate();

    assertThatThrownBy(disabled::ensureEnabled)
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("USER_DISABLED"));
  }

  @Test
  void an_update_changes_only_the_values_it_carries() {
    Changed<User, UserEvent> updated =
        alice().update(update(Optional.empty(), Optional.of("new bio"), Optional.empty()));

    Profile expected = new Profile(ALICE.username(), ALICE.email(), "new bio", ALICE.image());
    assertThat(updated.aggregate().profile()).isEqualTo(expected);
    assertThat(updated.aggregate().password()).isEqualTo(HASH);
    assertThat(updated.events()).containsExactly(new UserUpdated(ID, expected));
  }

  @Test
  void an_update_that_changes_nothing_raises_no_event() {
    Changed<User, UserEvent> same =
        alice()
            .update(update(Optional.of(ALICE.email()), Optional.of(ALICE.bio()), Optional.empty()));

    assertThat(same.aggregate()).isEqualTo(alice());
    assertThat(same.events()).isEmpty();
  }

  @Test
  void a_new_password_alone_is_stored_but_not_announced() {
    PasswordHash newHash = new PasswordHash("$2a$04$other");

    Changed<User, UserEvent> changed =
        alice().update(update(Optional.empty(), Optional.empty(), Optional.of(newHash)));

    assertThat(changed.aggregate().password()).isEqualTo(newHash);
    assertThat(changed.events()).isEmpty();
  }

  private static User alice() {
    return User.register(ID, ALICE, HASH).aggregate();
  }

  private static ProfileUpdate update(
      Optional<Email> email, Optional<String> bio, Optional<PasswordHash> password) {
    return new ProfileUpdate(Optional.empty(), email, bio, Optional.empty(), password);
  }
}
