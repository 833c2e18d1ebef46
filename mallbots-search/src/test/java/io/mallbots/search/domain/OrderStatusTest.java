package io.mallbots.search.domain;

import static io.mallbots.search.domain.OrderStatus.APPROVED;
import static io.mallbots.search.domain.OrderStatus.CANCELED;
import static io.mallbots.search.domain.OrderStatus.COMPLETED;
import static io.mallbots.search.domain.OrderStatus.PENDING;
import static io.mallbots.search.domain.OrderStatus.READY;
import static io.mallbots.search.domain.OrderStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderStatusTest {

  @Test
  void an_order_moves_forward_along_its_life_cycle() {
    assertThat(OrderStatus.after(PENDING, APPROVED)).isEqualTo(APPROVED);
    assertThat(OrderStatus.after(APPROVED, READY)).isEqualTo(READY);
    assertThat(OrderStatus.after(READY, COMPLETED)).isEqualTo(COMPLETED);
    assertThat(OrderStatus.after(PENDING, REJECTED)).isEqualTo(REJECTED);
    assertThat(OrderStatus.after(PENDING, CANCELED)).isEqualTo(CANCELED);
  }

  @Test
  void a_late_event_never_takes_the_status_back() {
    assertThat(OrderStatus.after(APPROVED, PENDING)).isEqualTo(APPROVED);
    assertThat(OrderStatus.after(READY, APPROVED)).isEqualTo(READY);
    assertThat(OrderStatus.after(COMPLETED, READY)).isEqualTo(COMPLETED);
  }

  @Test
  void a_final_status_stays_final() {
    for (OrderStatus last : new OrderStatus[] {REJECTED, COMPLETED, CANCELED}) {
      for (OrderStatus next : OrderStatus.values()) {
        assertThat(OrderStatus.after(last, next)).as(last + " then " + next).isEqualTo(last);
      }
    }
  }

  @Test
  void the_same_status_twice_is_no_step() {
    for (OrderStatus status : OrderStatus.values()) {
      assertThat(status.advances(status)).as(status.name()).isFalse();
    }
  }

  @Test
  void every_status_is_a_step_from_pending_but_pending_itself() {
    for (OrderStatus status : OrderStatus.values()) {
      assertThat(status.advances(PENDING)).as(status.name()).isEqualTo(status != PENDING);
    }
  }
}
