package io.mallbots.core.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of money in the shop's currency, in cents precision. On the wire money is a {@code double}
 * (compatibility with the original's clients); {@link #fromWire} rounds it to cents with HALF_EVEN and
 * refuses NaN and infinities, {@link #toWire} gives it back.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

  public static final Money ZERO = new Money(BigDecimal.ZERO);

  public Money {
    amount = amount.setScale(2, RoundingMode.HALF_EVEN);
  }

  /** From a wire value; {@code field} names it in the error. */
  public static Money fromWire(double value, String field) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new Invalid(field + " must be a finite number");
    }
    if (Math.abs(value) > 1e12) {
      throw new Invalid(field + " is too large");
    }
    return new Money(BigDecimal.valueOf(value));
  }

  public static Money of(String amount) {
    return new Money(new BigDecimal(amount));
  }

  public double toWire() {
    return amount.doubleValue();
  }

  public Money plus(Money other) {
    return new Money(amount.add(other.amount));
  }

  public Money minus(Money other) {
    return new Money(amount.subtract(other.amount));
  }

  public Money times(int quantity) {
    return new Money(amount.multiply(BigDecimal.valueOf(quantity)));
  }

  public boolean isPositive() {
    return amount.signum() > 0;
  }

  public boolean isNegative() {
    return amount.signum() < 0;
  }

  @Override
  public int compareTo(Money other) {
    return amount.compareTo(other.amount);
  }

  @Override
  public String toString() {
    return amount.toPlainString();
  }
}
