package io.mallbots.users.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlidingWindowLimiterTest {

  private final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T12:00:00Z"));
  private final SlidingWindowLimiter limiter =
      new SlidingWindowLimiter(3, Duration.ofMinutes(1), 100, clock);

  @Test
  void the_attempt_beyond_the_limit_is_refused_and_told_when_the_oldest_leaves_the_window() {
    admit("alice");
    clock.advance(Duration.ofSeconds(10));
    admit("alice");
    admit("alice");
    clock.advance(Duration.ofSeconds(5));

    assertThat(limiter.tryAcquire("alice")).isEqualTo(Duration.ofSeconds(45));
    assertThat(limiter.retryAfter("alice")).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void the_window_slides_one_attempt_at_a_time() {
    admit("alice");
    clock.advance(Duration.ofSeconds(20));
    admit("alice");
    admit("alice");

    clock.advance(Duration.ofSeconds(40));
    admit("alice"); // the first attempt is a minute old now
    assertThat(limiter.tryAcquire("alice")).isEqualTo(Duration.ofSeconds(20));

    clock.advance(Duration.ofSeconds(20));
    admit("alice");
    admit("alice");
    assertThat(limiter.tryAcquire("alice")).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void after_a_quiet_window_the_whole_limit_is_back() {
    IntStream.range(0, 3).forEach(i -> admit("alice"));
    assertThat(limiter.tryAcquire("alice")).isEqualTo(Duration.ofMinutes(1));

    clock.advance(Duration.ofMinutes(1));

    IntStream.range(0, 3).forEach(i -> admit("alice"));
    assertThat(limiter.tryAcquire("alice")).isPositive();
  }

  @Test
  void refused_attempts_count_for_nothing() {
    IntStream.range(0, 3).forEach(i -> admit("alice"));
    for (int i = 0; i < 50; i++) {
      clock.advance(Duration.ofSeconds(1));
      assertThat(limiter.tryAcquire("alice")).isPositive();
    }

    clock.advance(Duration.ofSeconds(10));

    admit("alice");
  }

  @Test
  void keys_are_counted_apart() {
    IntStream.range(0, 3).forEach(i -> admit("alice"));

    admit("bob");
    admit("Alice");
    assertThat(limiter.tryAcquire("alice")).isPositive();
    assertThat(limiter.retryAfter("carol")).isZero();
  }

  @Test
  void a_flood_of_new_keys_keeps_at_most_max_keys_and_forgets_the_idlest_first() {
    SlidingWindowLimiter small = new SlidingWindowLimiter(1, Duration.ofMinutes(1), 1_000, clock);
    small.tryAcquire("target");
    clock.advance(Duration.ofSeconds(1));
    small.tryAcquire("busy");

    for (int i = 0; i < 998; i++) {
      small.tryAcquire("random-" + i);
    }
    assertThat(small.keys()).isEqualTo(1_000);
    assertThat(small.retryAfter("target"))
        .isPositive(); // asking keeps "target" among the recently used
    small.tryAcquire("one-more");

    assertThat(small.keys()).isEqualTo(1_000);
    assertThat(small.retryAfter("busy")).as("the key idle the longest was forgotten").isZero();
    assertThat(small.retryAfter("target")).isPositive();

    for (int i = 0; i < 1_000_000; i++) {
      small.tryAcquire("flood-" + i);
    }
    assertThat(small.keys()).isEqualTo(1_000);
  }

  @Test
  void a_clock_stepping_back_never_asks_for_more_than_a_window() {
    IntStream.range(0, 3).forEach(i -> admit("alice"));

    clock.advance(Duration.ofHours(-1));

    assertThat(limiter.retryAfter("alice")).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void nonsense_limits_are_refused() {
    assertThatThrownBy(() -> new SlidingWindowLimiter(0, Duration.ofMinutes(1), 10, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> new SlidingWindowLimiter(1, Duration.ZERO, 10, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window");
    assertThatThrownBy(() -> new SlidingWindowLimiter(1, Duration.ofMinutes(1), 0, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxKeys");
  }

  private void admit(String key) {
    assertThat(limiter.tryAcquire(key)).as("an attempt of " + key).isZero();
  }
}
