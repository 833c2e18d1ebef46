package io.mallbots.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.mallbots.core.domain.Unauthenticated;
import io.mallbots.core.rpc.RpcAccess;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

  private static final byte[] KEY = "a-test-key-that-is-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  private final AccessTokens tokens = new AccessTokens(KEY, Clock.fixed(NOW, ZoneOffset.UTC));
  private final RpcAccess access = RpcAccess.bearers(tokens, Set.of("Login"));

  private String userToken(String use, Instant expiry) {
    return tokens.sign(AccessTokens.USERS, "7b1c6f2e-0000-4000-8000-000000000001", use, expiry, Map.of());
  }

  @Test
  void a_users_access_token_names_its_user() {
    var caller = tokens.verify(userToken("access", NOW.plusSeconds(60)));
    assertThat(caller.subject()).isEqualTo("7b1c6f2e-0000-4000-8000-000000000001");
    assertThat(caller.isService()).isFalse();
  }

  @Test
  void a_service_token_names_its_service() {
    var caller = tokens.verify(tokens.serviceToken("baskets", Duration.ofMinutes(5)));
    assertThat(caller.subject()).isEqualTo("service:baskets");
    assertThat(caller.isService()).isTrue();
  }

  @Test
  void refresh_tokens_expired_tokens_and_strangers_keys_are_refused() {
    assertThatThrownBy(() -> tokens.verify(userToken("refresh", NOW.plusSeconds(60))))
        .isInstanceOf(Unauthenticated.class);
    assertThatThrownBy(() -> tokens.verify(userToken("access", NOW))).hasMessageContaining("expired");
    var stranger = new AccessTokens("another-key-that-is-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8),
        Clock.fixed(NOW, ZoneOffset.UTC));
    assertThatThrownBy(() -> tokens.verify(stranger.serviceToken("baskets", Duration.ofMinutes(5))))
        .isInstanceOf(Unauthenticated.class);
  }

  @Test
  void unsigned_tokens_other_issuers_and_garbage_are_refused() throws Exception {
    var claims = new JWTClaimsSet.Builder().issuer(AccessTokens.USERS).subject("x").claim("token_use", "access")
        .expirationTime(Date.from(NOW.plusSeconds(60))).build();
    assertThatThrownBy(() -> tokens.verify(new PlainJWT(new PlainHeader(), claims).serialize()))
        .isInstanceOf(Unauthenticated.class);
    var foreign = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder(claims).issuer("evil").build());
    foreign.sign(new MACSigner(KEY));
    assertThatThrownBy(() -> tokens.verify(foreign.serialize())).isInstanceOf(Unauthenticated.class);
    for (String garbage : new String[] {"", "a.b.c", "not a token", "\u0000"}) {
      assertThatThrownBy(() -> tokens.verify(garbage)).isInstanceOf(Unauthenticated.class);
    }
  }

  @Test
  void rpc_access_needs_a_bearer_token_except_for_open_rpcs() {
    access.check("Login", null);
    access.check("GetUser", "Bearer " + userToken("access", NOW.plusSeconds(60)));
    access.check("GetUser", "bearer " + tokens.serviceToken("notifications", Duration.ofMinutes(1)));
    assertThatThrownBy(() -> access.check("GetUser", null)).isInstanceOf(Unauthenticated.class)
        .hasMessageContaining("Bearer");
    assertThatThrownBy(() -> access.check("GetUser", "Basic dXNlcjpwYXNz")).isInstanceOf(Unauthenticated.class);
    assertThatThrownBy(() -> access.check("GetUser", "Bearer ")).isInstanceOf(Unauthenticated.class);
    RpcAccess.ANYONE.check("GetUser", null);
  }

  @Test
  void a_service_keeps_its_token_until_half_its_life_has_passed() {
    var clock = new java.util.concurrent.atomic.AtomicReference<>(NOW);
    var ticking = new AccessTokens(KEY, new Clock() {
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
    var supplier = ticking.serviceTokens("baskets", Duration.ofMinutes(10));
    String first = supplier.get();
    clock.set(NOW.plus(Duration.ofMinutes(4)));
    assertThat(supplier.get()).isSameAs(first);
    clock.set(NOW.plus(Duration.ofMinutes(5)));
    assertThat(supplier.get()).isNotEqualTo(first);
    assertThat(ticking.verify(supplier.get()).subject()).isEqualTo("service:baskets");
  }
}
