package io.mallbots.core.rpc;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.auth.AccessTokens;
import io.mallbots.core.auth.AuthKeys;
import io.mallbots.core.auth.OperatorToken;
import io.mallbots.core.domain.Actor;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IntakeSwitchTest {

  private final AuthKeys keys = AuthKeys.throwAway();
  private final AccessTokens tokens =
      new AccessTokens(
          AuthKeys.parseEcKey(keys.publicKey(), AuthKeys.PUBLIC_KEY),
          keys.serviceKey().getBytes(StandardCharsets.UTF_8),
          Clock.systemUTC());

  private String service(String audience) {
    return "Bearer " + tokens.serviceToken("ordering", audience, Duration.ofMinutes(1));
  }

  private String operator() {
    return "Bearer "
        + OperatorToken.sign(
            AuthKeys.parseEcKey(keys.privateKey(), AuthKeys.PRIVATE_KEY),
            "operator:test",
            Clock.systemUTC());
  }

  @Test
  void open_it_lets_everyone_through() {
    IntakeSwitch intake = new IntakeSwitch(tokens, true, "payments");
    assertThatCode(() -> intake.admit(Actor.ANYONE, null, null)).doesNotThrowAnyException();
  }

  @Test
  void paused_it_refuses_outside_callers_with_unavailable_and_a_wait() {
    IntakeSwitch intake = new IntakeSwitch(tokens, true, "payments");
    intake.pause();
    for (String authorization : new String[] {null, "Bearer nonsense", operator()}) {
      assertThatThrownBy(() -> intake.admit(Actor.ANYONE, authorization, "stores"))
          .isInstanceOfSatisfying(
              RpcRefusal.class,
              refused -> {
                org.assertj.core.api.Assertions.assertThat(refused.status().status())
                    .isEqualTo(GrpcStatus.UNAVAILABLE);
                org.assertj.core.api.Assertions.assertThat(refused.retryAfter())
                    .isEqualTo(IntakeSwitch.RETRY_AFTER);
              });
    }
    // A service token for another service is no proof for this one.
    assertThatThrownBy(() -> intake.admit(Actor.ANYONE, service("stores"), null))
        .isInstanceOf(RpcRefusal.class);
    intake.resume();
    assertThatCode(() -> intake.admit(Actor.ANYONE, null, null)).doesNotThrowAnyException();
  }

  @Test
  void paused_it_lets_the_malls_services_through() {
    IntakeSwitch intake = new IntakeSwitch(tokens, true, "payments");
    intake.pause();
    assertThatCode(() -> intake.admit(Actor.SERVICE, null, null)).doesNotThrowAnyException();
    // Tokens not required (AUTH_REQUIRED=false): the service token still tells a service apart.
    assertThatCode(() -> intake.admit(Actor.ANYONE, service("payments"), null))
        .doesNotThrowAnyException();
  }

  @Test
  void without_a_service_key_a_service_is_told_apart_by_the_header_its_client_sends() {
    IntakeSwitch intake = new IntakeSwitch(null, false, "payments");
    intake.pause();
    assertThatCode(() -> intake.admit(Actor.ANYONE, null, "ordering")).doesNotThrowAnyException();
    assertThatThrownBy(() -> intake.admit(Actor.ANYONE, null, null)).isInstanceOf(RpcRefusal.class);
    // With a key the header alone proves nothing.
    IntakeSwitch keyed = new IntakeSwitch(tokens, true, "payments");
    keyed.pause();
    assertThatThrownBy(() -> keyed.admit(Actor.ANYONE, null, "ordering"))
        .isInstanceOf(RpcRefusal.class);
  }
}
