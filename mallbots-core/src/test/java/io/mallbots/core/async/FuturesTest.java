package io.mallbots.core.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.domain.Conflict;
import io.vertx.core.Future;
import java.util.List;
import org.junit.jupiter.api.Test;

class FuturesTest {

  @Test
  void a_result_becomes_a_succeeded_future() {
    Future<String> result = Futures.attempt(() -> "done");

    assertThat(result.succeeded()).isTrue();
    assertThat(result.result()).isEqualTo("done");
  }

  @Test
  void a_thrown_rejection_becomes_a_failed_future_instead_of_reaching_the_caller() {
    Conflict rejected = new Conflict("NOPE", "refused");

    Future<String> result =
        Futures.attempt(
            () -> {
              throw rejected;
            });

    assertThat(result.failed()).isTrue();
    assertThat(result.cause()).isSameAs(rejected);
  }

  @Test
  void a_check_that_returns_nothing_succeeds_or_fails_the_same_way() {
    List<String> ran = new java.util.ArrayList<>();

    assertThat(Futures.attempt(() -> ran.add("check")).succeeded()).isTrue();
    assertThat(
            Futures.attempt(
                    (Runnable)
                        () -> {
                          throw new Conflict("NOPE", "refused");
                        })
                .cause())
        .isInstanceOf(Conflict.class);
    assertThat(ran).containsExactly("check");
  }

  @Test
  void an_error_is_no_rejection_and_still_propagates() {
    assertThatThrownBy(
            () ->
                Futures.attempt(
                    () -> {
                      throw new AssertionError("bug");
                    }))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void each_runs_its_steps_in_order_and_stops_at_the_first_failure() {
    List<Integer> ran = new java.util.ArrayList<>();

    Future<Void> all =
        Futures.each(
            List.of(1, 2, 3),
            n -> {
              ran.add(n);
              return Future.succeededFuture();
            });
    Future<Void> stopped =
        Futures.each(
            List.of(4, 5, 6),
            n -> {
              ran.add(n);
              return n == 5
                  ? Future.failedFuture(new Conflict("NOPE", "refused"))
                  : Future.succeededFuture();
            });

    assertThat(all.succeeded()).isTrue();
    assertThat(stopped.cause()).isInstanceOf(Conflict.class);
    assertThat(ran).containsExactly(1, 2, 3, 4, 5);
    assertThat(Futures.each(List.of(), n -> Future.failedFuture("never")).succeeded()).isTrue();
  }
}
