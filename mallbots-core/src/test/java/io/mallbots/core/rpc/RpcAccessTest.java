package io.mallbots.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.common.v1.Access;
import io.mallbots.core.auth.AccessTokens;
import io.mallbots.core.auth.AuthKeys;
import io.mallbots.core.auth.UserTokenSigner;
import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.PermissionDenied;
import io.mallbots.core.domain.Unauthenticated;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RpcAccessTest {

  private static final String ALICE = "7b1c6f2e-0000-4000-8000-000000000001";

  private final AuthKeys keys = AuthKeys.throwAway();
  private final AccessTokens tokens =
      new AccessTokens(
          AuthKeys.parseEcKey(keys.publicKey(), AuthKeys.PUBLIC_KEY),
          keys.serviceKey().getBytes(StandardCharsets.UTF_8),
          Clock.systemUTC());
  private final UserTokenSigner users =
      new UserTokenSigner(
          AuthKeys.parseEcKey(keys.privateKey(), AuthKeys.PRIVATE_KEY), Clock.systemUTC());
  private final RpcAccess payments = RpcAccess.tokens(tokens, "payments");

  private String shopper() {
    return "Bearer "
        + users.sign(ALICE, AccessTokens.ACCESS, Instant.now().plusSeconds(60), Map.of());
  }

  private String operator() {
    return "Bearer "
        + users.sign(
            ALICE,
            AccessTokens.ACCESS,
            Instant.now().plusSeconds(60),
            Map.of(AccessTokens.ROLES, List.of(AccessTokens.OPERATOR)));
  }

  private String service(String audience) {
    return "Bearer " + tokens.serviceToken("ordering", audience, Duration.ofMinutes(1));
  }

  @Test
  void public_rpcs_need_no_token() {
    assertThat(payments.admit(Access.ACCESS_PUBLIC, "Login", null)).isEqualTo(Actor.ANYONE);
  }

  @Test
  void every_other_rule_needs_a_valid_bearer_token() {
    for (Access rule :
        List.of(
            Access.ACCESS_SIGNED_IN,
            Access.ACCESS_OWNER,
            Access.ACCESS_STORE_KEEPER,
            Access.ACCESS_SERVICE,
            Access.ACCESS_OPERATOR)) {
      assertThatThrownBy(() -> payments.admit(rule, "X", null))
          .isInstanceOf(Unauthenticated.class)
          .hasMessageContaining("Bearer");
      assertThatThrownBy(() -> payments.admit(rule, "X", "Basic dXNlcjpwYXNz"))
          .isInstanceOf(Unauthenticated.class);
      assertThatThrownBy(() -> payments.admit(rule, "X", "Bearer "))
          .isInstanceOf(Unauthenticated.class);
      assertThatThrownBy(() -> payments.admit(rule, "X", service("stores")))
          .isInstanceOf(Unauthenticated.class);
    }
  }

  @Test
  void a_shopper_acts_for_themselves_where_the_domain_checks_ownership() {
    assertThat(payments.admit(Access.ACCESS_OWNER, "PayInvoice", shopper()))
        .isEqualTo(Actor.shopper(ALICE));
    assertThat(payments.admit(Access.ACCESS_SIGNED_IN, "GetCatalog", shopper()).actsForAll())
        .isFalse();
  }

  @Test
  void service_only_rpcs_refuse_shoppers_and_operators() {
    assertThatThrownBy(
            () -> payments.admit(Access.ACCESS_SERVICE, "PaymentsService/AdjustInvoice", shopper()))
        .isInstanceOf(PermissionDenied.class)
        .hasMessageContaining("AdjustInvoice");
    assertThatThrownBy(() -> payments.admit(Access.ACCESS_SERVICE, "X", operator()))
        .isInstanceOf(PermissionDenied.class);
    assertThat(payments.admit(Access.ACCESS_SERVICE, "X", service("payments")))
        .isEqualTo(Actor.SERVICE);
  }

  @Test
  void operator_rules_admit_only_the_operator_role() {
    assertThatThrownBy(() -> payments.admit(Access.ACCESS_OPERATOR, "dead letters", shopper()))
        .isInstanceOf(PermissionDenied.class);
    assertThatThrownBy(
            () -> payments.admit(Access.ACCESS_OPERATOR, "dead letters", service("payments")))
        .isInstanceOf(PermissionDenied.class);
    assertThat(payments.admit(Access.ACCESS_OPERATOR, "dead letters", operator()))
        .isEqualTo(Actor.operator(ALICE));
  }

  @Test
  void without_required_tokens_every_caller_acts_for_all() {
    assertThat(RpcAccess.OPEN.admit(Access.ACCESS_SERVICE, "X", null)).isEqualTo(Actor.ANYONE);
    assertThat(RpcAccess.OPEN.admit(Access.ACCESS_OPERATOR, "X", null).actsForAll()).isTrue();
  }
}
