package io.mallbots.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.mallbots.core.domain.Unauthenticated;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String ALICE = "7b1c6f2e-0000-4000-8000-000000000001";

  private final AuthKeys keys = AuthKeys.throwAway();
  private final ECKey usersKey = AuthKeys.parseEcKey(keys.privateKey(), AuthKeys.PRIVATE_KEY);
  private final byte[] serviceKey = keys.serviceKey().getBytes(StandardCharsets.UTF_8);
  private final AccessTokens tokens = new AccessTokens(usersKey.toPublicJWK(), serviceKey, CLOCK);
  private final UserTokenSigner users = new UserTokenSigner(usersKey, CLOCK);

  private String userToken(String use, Instant expiry) {
    return users.sign(ALICE, use, expiry, Map.of());
  }

  @Test
  void a_users_access_token_names_its_user_and_roles() {
    var caller = tokens.verify(userToken("access", NOW.plusSeconds(60)), "baskets");
    assertThat(caller.subject()).isEqualTo(ALICE);
    assertThat(caller.isService()).isFalse();
    assertThat(caller.isOperator()).isFalse();
    var operator =
        tokens.verify(
            users.sign(
                ALICE,
                "access",
                NOW.plusSeconds(60),
                Map.of(AccessTokens.ROLES, List.of(AccessTokens.OPERATOR))),
            "baskets");
    assertThat(operator.isOperator()).isTrue();
  }

  @Test
  void a_service_token_names_its_service_and_is_good_only_for_its_audience() {
    String token = tokens.serviceToken("baskets", "stores", Duration.ofMinutes(5));
    var caller = tokens.verify(token, "stores");
    assertThat(caller.subject()).isEqualTo("service:baskets");
    assertThat(caller.isService()).isTrue();
    assertThatThrownBy(() -> tokens.verify(token, "payments"))
        .isInstanceOf(Unauthenticated.class)
        .hasMessageContaining("not for payments");
  }

  @Test
  void a_service_that_holds_only_the_public_key_cannot_mint_a_users_token() throws Exception {
    // The old shared-secret scheme: a service signing a users token with the key it holds (the
    // service key).
    var forged =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256),
            new JWTClaimsSet.Builder()
                .issuer(AccessTokens.USERS)
                .subject(ALICE)
                .claim("token_use", "access")
                .expirationTime(Date.from(NOW.plusSeconds(60)))
                .build());
    forged.sign(new MACSigner(serviceKey));
    assertThatThrownBy(() -> tokens.verify(forged.serialize(), "payments"))
        .isInstanceOf(Unauthenticated.class);
    // Nor is a users token signed with another key pair taken.
    ECKey stranger = AuthKeys.parseEcKey(AuthKeys.throwAway().privateKey(), AuthKeys.PRIVATE_KEY);
    String foreign =
        new UserTokenSigner(stranger, CLOCK).sign(ALICE, "access", NOW.plusSeconds(60), Map.of());
    assertThatThrownBy(() -> tokens.verify(foreign, "payments"))
        .isInstanceOf(Unauthenticated.class);
  }

  @Test
  void refresh_tokens_expired_tokens_and_strangers_keys_are_refused() {
    assertThatThrownBy(() -> tokens.verify(userToken("refresh", NOW.plusSeconds(60)), "baskets"))
        .isInstanceOf(Unauthenticated.class);
    assertThatThrownBy(() -> tokens.verify(userToken("access", NOW), "baskets"))
        .hasMessageContaining("expired");
    var stranger =
        new AccessTokens(
            usersKey.toPublicJWK(),
            "another-key-that-is-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8),
            CLOCK);
    assertThatThrownBy(
            () ->
                tokens.verify(
                    stranger.serviceToken("baskets", "stores", Duration.ofMinutes(5)), "stores"))
        .isInstanceOf(Unauthenticated.class);
  }

  @Test
  void unsigned_tokens_other_issuers_and_garbage_are_refused() throws Exception {
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(AccessTokens.USERS)
            .subject("x")
            .claim("token_use", "access")
            .expirationTime(Date.from(NOW.plusSeconds(60)))
            .build();
    assertThatThrownBy(
            () -> tokens.verify(new PlainJWT(new PlainHeader(), claims).serialize(), "baskets"))
        .isInstanceOf(Unauthenticated.class);
    var foreign =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256),
            new JWTClaimsSet.Builder(claims).issuer("evil").build());
    foreign.sign(new MACSigner(serviceKey));
    assertThatThrownBy(() -> tokens.verify(foreign.serialize(), "baskets"))
        .isInstanceOf(Unauthenticated.class);
    for (String garbage : new String[] {"", "a.b.c", "not a token", "\u0000"}) {
      assertThatThrownBy(() -> tokens.verify(garbage, "baskets"))
          .isInstanceOf(Unauthenticated.class);
    }
  }

  @Test
  void a_service_keeps_its_token_per_audience_until_half_its_life_has_passed() {
    var clock = new java.util.concurrent.atomic.AtomicReference<>(NOW);
    var ticking =
        new AccessTokens(
            usersKey.toPublicJWK(),
            serviceKey,
            new Clock() {
              @Override
              public ZoneOffset getZone() {
                return ZoneOffset.UTC;
              }

              @Override
              public Clock withZone(java.time.ZoneId zone) {
                return this;
              }

              @Override
              public Instant instant() {
                return clock.get();
              }
            });
    var tokenFor = ticking.serviceTokens("baskets", Duration.ofMinutes(10));
    String first = tokenFor.apply("stores");
    assertThat(tokenFor.apply("payments")).isNotEqualTo(first);
    clock.set(NOW.plus(Duration.ofMinutes(4)));
    assertThat(tokenFor.apply("stores")).isSameAs(first);
    clock.set(NOW.plus(Duration.ofMinutes(5)));
    assertThat(tokenFor.apply("stores")).isNotEqualTo(first);
    assertThat(ticking.verify(tokenFor.apply("stores"), "stores").subject())
        .isEqualTo("service:baskets");
  }
}
