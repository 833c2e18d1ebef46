package io.mallbots.users.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.domain.Invalid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules for what a user logs in with: username, email, password. */
class CredentialsTest {

  @Test
  void a_username_is_required() {
    assertThatThrownBy(() -> new Username(""))
        .isInstanceOf(Invalid.class)
        .hasMessage("username is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"al ice", "alice\n", "\talice"})
  void a_username_has_no_white_space(String username) {
    assertThatThrownBy(() -> new Username(username))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("spaces");
  }

  @Test
  void a_username_is_at_most_64_characters() {
    assertThat(new Username("a".repeat(64)).value()).hasSize(64);
    assertThatThrownBy(() -> new Username("a".repeat(65))).isInstanceOf(Invalid.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice@example.com", "a.b+shop@mail.example.org", "Alice@Example.COM"})
  void a_well_formed_email_is_accepted(String email) {
    assertThat(new Email(email).value()).isEqualTo(email);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "alice",
        "alice@",
        "@example.com",
        "alice@example",
        "al ice@example.com",
        "alice@@example.com",
        "alice@example..com",
        "alice@example.com."
      })
  void a_malformed_email_is_refused(String email) {
    assertThatThrownBy(() -> new Email(email))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("email");
  }

  @Test
  void a_password_has_at_least_8_characters() {
    assertThatThrownBy(() -> Password.choose("1234567"))
        .isInstanceOf(Invalid.class)
        .hasMessage("password must be at least 8 characters");
    assertThat(Password.choose("12345678")).isNotNull();
  }

  @Test
  void a_password_fits_into_the_72_bytes_bcrypt_reads() {
    assertThat(Password.choose("a".repeat(72))).isNotNull();
    assertThatThrownBy(() -> Password.choose("é".repeat(37)))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("72 bytes");
  }

  @Test
  void a_password_offered_at_login_is_only_checked_for_presence() {
    assertThat(Password.offered("short")).isNotNull();
    assertThatThrownBy(() -> Password.offered(""))
        .isInstanceOf(Invalid.class)
        .hasMessage("password is required");
  }

  @Test
  void a_password_and_its_hash_never_show_themselves() {
    assertThat(Password.choose("correct horse battery").toString()).doesNotContain("horse");
    assertThat(new PasswordHash("$2a$10$secret").toString()).doesNotContain("secret");
  }

  @Test
  void a_user_id_must_be_a_uuid() {
    assertThatThrownBy(() -> UserId.parse(""))
        .isInstanceOf(Invalid.class)
        .hasMessage("id is required");
    assertThatThrownBy(() -> UserId.parse("42"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("UUID");
    UserId id = UserId.random();
    assertThat(UserId.parse(id.toString())).isEqualTo(id);
  }

  @Test
  void a_profile_bounds_bio_and_image() {
    Username name = new Username("alice");
    Email email = new Email("alice@example.com");
    assertThat(new Profile(name, email, null, null).bio()).isEmpty();
    assertThatThrownBy(() -> new Profile(name, email, "b".repeat(4001), ""))
        .isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> new Profile(name, email, "", "i".repeat(2049)))
        .isInstanceOf(Invalid.class);
  }
}
