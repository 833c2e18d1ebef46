package io.mallbots.users.adapters.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import io.mallbots.core.auth.AccessTokens;
import io.mallbots.core.auth.AuthKeys;
import io.mallbots.core.domain.Unauthenticated;
import io.mallbots.users.application.Tokens;
import io.mallbots.users.domain.Email;
import io.mallbots.users.domain.PasswordHash;
import io.mallbots.users.domain.Profile;
import io.mallbots.users.domain.User;
import io.mallbots.users.domain.UserId;
import io.mallbots.users.domain.Username;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JwtTokensTest {

  private static final ECKey KEY =
      AuthKeys.parseEcKey(AuthKeys.throwAway().privateKey(), AuthKeys.PRIVATE_KEY);
  private static final Instant NOW = Instant.parse("2030-01-01T12:00:00.750Z");
  private static final User ALICE =
      new User(
          UserId.random(),
          new Profile(new Username("alice"), new Email("alice@example.com"), "", ""),
          new PasswordHash("x"),
          true);

  private final JwtTokens tokens = at(NOW);

  @Test
  void an_access_token_says_whose_it_is_and_until_when() {
    Tokens.Issued issued = tokens.issue(ALICE);

    assertThat(issued.accessExpiresAt()).isEqualTo(Instant.parse("2030-01-01T12:15:00Z"));
    assertThat(issued.refreshExpiresAt()).isEqualTo(Instant.parse("2030-01-08T12:00:00Z"));
    assertThat(tokens.verifyAccess(issued.accessToken()))
        .isEqualTo(new Tokens.Access(ALICE.id(), issued.accessExpiresAt()));
  }

  @Test
  void an_expired_access_token_is_refused() {
    String token = tokens.issue(ALICE).accessToken();

    assertThat(at(NOW.plus(Duration.ofMinutes(14))).verifyAccess(token).userId())
        .isEqualTo(ALICE.id());
    assertThatThrownBy(() -> at(NOW.plus(Duration.ofMinutes(15))).verifyAccess(token))
        .isInstanceOf(Unauthenticated.class)
        .hasMessage("token has expired");
  }

  @Test
  void a_refresh_token_is_not_an_access_token() {
    assertRefused(tokens.issue(ALICE).refreshToken());
  }

  @Test
  void a_tampered_token_is_refused() {
    String[] parts = tokens.issue(ALICE).accessToken().split("\\.");
    String otherUser =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace(ALICE.id().toString(), UserId.random().toString());
    assertRefused(parts[0] + "." + base64(otherUser) + "." + parts[2]);
  }

  @Test
  void a_token_signed_with_another_key_is_refused() {
    JwtTokens other =
        new JwtTokens(
            AuthKeys.parseEcKey(AuthKeys.throwAway().privateKey(), AuthKeys.PRIVATE_KEY),
            Set.of(),
            Duration.ofMinutes(15),
            Duration.ofDays(7),
            Clock.fixed(NOW, ZoneOffset.UTC));
    assertRefused(other.issue(ALICE).accessToken());
  }

  @Test
  void an_unsigned_token_is_refused() {
    String[] parts = tokens.issue(ALICE).accessToken().split("\\.");
    assertRefused(base64("{\"alg\":\"none\"}") + "." + parts[1] + ".");
  }

  @Test
  void a_malformed_token_is_refused() {
    assertRefused("not-a-token");
    assertRefused("a.b.c");
  }

  @Test
  void a_public_key_alone_cannot_sign() {
    assertThatThrownBy(
            () ->
                new JwtTokens(
                    KEY.toPublicJWK(),
                    Set.of(),
                    Duration.ofMinutes(1),
                    Duration.ofMinutes(2),
                    Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void only_the_users_named_as_operators_get_the_operator_role() {
    JwtTokens withOperator =
        new JwtTokens(
            KEY,
            Set.of(ALICE.id().toString()),
            Duration.ofMinutes(15),
            Duration.ofDays(7),
            Clock.fixed(NOW, ZoneOffset.UTC));
    AccessTokens verifier =
        new AccessTokens(KEY.toPublicJWK(), null, Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(verifier.verify(withOperator.issue(ALICE).accessToken(), "ordering").isOperator())
        .isTrue();
    assertThat(verifier.verify(tokens.issue(ALICE).accessToken(), "ordering").isOperator())
        .isFalse();
  }

  private void assertRefused(String token) {
    assertThatThrownBy(() -> tokens.verifyAccess(token))
        .isInstanceOf(Unauthenticated.class)
        .hasMessage("token is not valid");
  }

  private static JwtTokens at(Instant now) {
    return new JwtTokens(
        KEY,
        Set.of(),
        Duration.ofMinutes(15),
        Duration.ofDays(7),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  private static String base64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
