package io.mallbots.users.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mallbots.core.domain.TooManyRequests;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginLimitsTest {

  private final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T12:00:00Z"));
  private final LoginLimits limits = new LoginLimits(2, 3, clock);

  @Test
  void a_username_over_its_limit_is_refused_with_the_time_to_wait() {
    limits.attempt("alice", "10.0.0.1");
    clock.advance(Duration.ofMillis(12_500));
    limits.attempt("alice", "10.0.0.2");

    TooManyRequests refused = refusal("alice", "10.0.0.3");

    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(47_500));
    assertThat(refused.getMessage()).isEqualTo("too many login attempts: try again in 48 seconds");
    assertThat(refused.code()).isEqualTo("TOO_MANY_REQUESTS");
  }

  @Test
  void an_address_over_its_limit_is_refused_whatever_the_username() {
    limits.attempt("alice", "10.0.0.1");
    limits.attempt("bob", "10.0.0.1");
    limits.attempt("carol", "10.0.0.1");

    refusal("dave", "10.0.0.1");
    limits.attempt("dave", "10.0.0.2");
  }

  @Test
  void the_longer_wait_of_the_two_limits_is_the_one_told() {
    limits.attempt("alice", "10.0.0.1");
    clock.advance(Duration.ofSeconds(30));
    limits.attempt("bob", "10.0.0.1");
    limits.attempt("bob", "10.0.0.1");

    assertThat(refusal("bob", "10.0.0.1").retryAfter()).isEqualTo(Duration.ofMinutes(1));
    clock.advance(Duration.ofSeconds(31));
    assertThat(refusal("bob", "10.0.0.1").retryAfter()).isEqualTo(Duration.ofSeconds(29));
  }

  @Test
  void a_refused_attempt_uses_up_neither_limit() {
    limits.attempt("alice", "10.0.0.1");
    limits.attempt("alice", "10.0.0.1");
    refusal("alice", "10.0.0.1");
    refusal("alice", "10.0.0.1");

    limits.attempt("bob", "10.0.0.1"); // the address saw two counted attempts, not four
  }

  @Test
  void without_an_address_only_the_username_counts() {
    limits.attempt("alice", null);
    limits.attempt("alice", null);
    refusal("alice", null);

    for (int i = 0; i < 10; i++) {
      limits.attempt("user-" + i, null);
    }
  }

  @Test
  void every_ipv6_address_of_one_slash_64_shares_a_limit() {
    limits.attempt("a", "2001:db8:1:2:0:0:0:1");
    limits.attempt("b", "2001:db8:1:2::ffff");
    limits.attempt("c", "2001:0db8:0001:0002:1234:5678:9abc:def0%eth0");

    refusal("d", "2001:db8:1:2:aaaa::1");
    limits.attempt("d", "2001:db8:1:3::1");
  }

  @Test
  void addresses_are_keyed_by_ipv4_and_ipv6_slash_64() {
    assertThat(LoginLimits.addressKey("192.0.2.7")).isEqualTo("192.0.2.7");
    assertThat(LoginLimits.addressKey("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
    assertThat(LoginLimits.addressKey("0:0:0:0:0:0:0:1"))
        .isEqualTo(LoginLimits.addressKey("::1"))
        .isEqualTo("0:0:0:0::/64");
    assertThat(LoginLimits.addressKey("fe80::1%lo")).isEqualTo("fe80:0:0:0::/64");
  }

  @Test
  void overlong_usernames_share_a_key_so_keys_stay_small() {
    String name = "x".repeat(65);

    assertThat(LoginLimits.usernameKey(name + "y".repeat(1_000_000))).isEqualTo(name);
    assertThat(LoginLimits.usernameKey("alice")).isEqualTo("alice");
  }

  private TooManyRequests refusal(String username, String address) {
    TooManyRequests refused =
        catchThrowableOfType(TooManyRequests.class, () -> limits.attempt(username, address));
    assertThat(refused).as(username + " from " + address + " is refused").isNotNull();
    return refused;
  }
}
