package io.mallbots.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.domain.TooManyRequests;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestLimitTest {

  @Test
  void one_request_over_the_limit_is_refused_at_once_with_a_time_to_come_back() {
    RequestLimit limit = new RequestLimit("probe-" + System.nanoTime(), 2);
    limit.acquire();
    limit.acquire();

    assertThatThrownBy(limit::acquire)
        .isInstanceOfSatisfying(
            TooManyRequests.class,
            busy -> assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    assertThat(limit.inFlight()).isEqualTo(2);
  }

  @Test
  void a_place_given_back_is_taken_again() {
    RequestLimit limit = new RequestLimit("probe-" + System.nanoTime(), 1);
    limit.acquire();
    limit.release();

    limit.acquire();
    assertThat(limit.inFlight()).isEqualTo(1);
  }

  @Test
  void a_refused_call_is_answered_resource_exhausted_with_its_wait() {
    RpcRefusal refusal =
        RpcRefusal.of("Probe/Echo", new TooManyRequests("full", Duration.ofMillis(1500)));

    assertThat(refusal.status().status())
        .isEqualTo(io.vertx.grpc.common.GrpcStatus.RESOURCE_EXHAUSTED);
    assertThat(refusal.retryAfter()).isEqualTo(Duration.ofMillis(1500));
    assertThat(RpcErrors.httpStatus(refusal.status().status())).isEqualTo(429);
  }
}
