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
    assertThatThrownBy(() -> Money.fromWire(Double.NaN, "amount"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("amount");
    assertThatThrownBy(() -> Money.fromWire(Double.POSITIVE_INFINITY, "amount"))
        .isInstanceOf(Invalid.class);
  }

  @Test
  void equal_amounts_are_equal_whatever_their_scale() {
    assertThat(Money.of("3")).isEqualTo(Money.of("3.00"));
    assertThat(Money.of("2.50").times(3).plus(Money.of("0.50"))).isEqualTo(Money.of("8"));
  }

  @Test
  void an_amount_that_does_not_fit_numeric_14_2_is_refused_at_the_wire_naming_the_field() {
    assertThat(Money.fromWire(999_999_999_999.99, "amount")).isEqualTo(Money.MAX);
    assertThat(Money.fromWire(-999_999_999_999.99, "amount"))
        .isEqualTo(Money.of("-999999999999.99"));
    for (double tooLarge :
        new double[] {1e12, -1e12, 999_999_999_999.996, 1e15, Double.MAX_VALUE}) {
      assertThatThrownBy(() -> Money.fromWire(tooLarge, "items[2].price"))
          .as("%s", tooLarge)
          .isInstanceOf(Invalid.class)
          .hasMessageContaining("items[2].price")
          .hasMessageContaining("too large");
    }
  }

  @Test
  void a_sum_or_product_beyond_the_largest_amount_is_refused() {
    assertThat(Money.MAX.minus(Money.of("0.99")).plus(Money.of("0.99"))).isEqualTo(Money.MAX);
    assertThat(Money.of("99999999999.99").times(10)).isEqualTo(Money.of("999999999999.90"));

    assertThatThrownBy(() -> Money.MAX.plus(Money.of("0.01")))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("too large");
    assertThatThrownBy(() -> Money.MAX.times(2)).isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> Money.of("0.01").times(Integer.MAX_VALUE).times(Integer.MAX_VALUE))
        .isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> Money.MAX.times(-1).minus(Money.of("0.01")))
        .isInstanceOf(Invalid.class);
  }
}
