package io.mallbots.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void wire_values_are_rounded_to_cents_half_even() {
    assertThat(Money.fromWire(10.125, "price")).isEqualTo(Money.of("10.12"));
    assertThat(Money.fromWire(10.135, "price")).isEqualTo(Money.of("10.14"));
    assertThat(Money.fromWire(0.1 + 0.2, "price").toWire()).isEqualTo(0.3);
  }

  @Test
  void nan_and_infinity_are_refused_naming_the_field() {
    assertThatThrownBy(() -> Money.fromWire(Double.NaN, "amount")).isInstanceOf(Invalid.class).hasMessageContaining("amount");
    assertThatThrownBy(() -> Money.fromWire(Double.POSITIVE_INFINITY, "amount")).isInstanceOf(Invalid.class);
  }

  @Test
  void equal_amounts_are_equal_whatever_their_scale() {
    assertThat(Money.of("3")).isEqualTo(Money.of("3.00"));
    assertThat(Money.of("2.50").times(3).plus(Money.of("0.50"))).isEqualTo(Money.of("8"));
  }
}
