package io.mallbots.core.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of money in the shop's currency, in cents precision. On the wire money is a {@code
 * double} (compatibility with the original's clients); {@link #fromWire} rounds it to cents with
 * HALF_EVEN and refuses NaN and infinities, {@link #toWire} gives it back.
 *
 * <p>Every amount from the wire and every sum or product stays within {@link #MAX} either way: the
 * services store money as {@code numeric(14,2)}, so a larger amount is refused ({@link Invalid})
 * where it is made, at the request, instead of failing later in a database write.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

  public static final Money ZERO = new Money(BigDecimal.ZERO);

  /**
   * The largest amount the services store ({@code numeric(14,2)}); its negative is the smallest.
   */
  public static final Money MAX = new Money(new BigDecimal("999999999999.99"));

  public Money {
    amount = amount.setScale(2, RoundingMode.HALF_EVEN);
  }

  /** From a wire value; {@code field} names it in the error. */
  public static Money fromWire(double value, String field) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new Invalid(field + " must be a finite number");
    }
    // Rounded first: 999999999999.995 becomes 1000000000000.00, which no longer fits.
    Money money = new Money(BigDecimal.valueOf(value));
    if (!money.fits()) {
      throw new Invalid(
          field + " is too large: at most " + MAX + " in absolute value, got " + money);
    }
    return money;
  }

  public static Money of(String amount) {
    return new Money(new BigDecimal(amount));
  }

  public double toWire() {
    return amount.doubleValue();
  }

  /** The sum; {@link Invalid} if it exceeds {@link #MAX} in absolute value. */
  public Money plus(Money other) {
    return bounded(amount.add(other.amount), this + " + " + other);
  }

  /** The difference; {@link Invalid} if it exceeds {@link #MAX} in absolute value. */
  public Money minus(Money other) {
    return bounded(amount.subtract(other.amount), this + " - " + other);
  }

  /**
   * The amount {@code quantity} times; {@link Invalid} if it exceeds {@link #MAX} in absolute
   * value.
   */
  public Money times(int quantity) {
    return bounded(amount.multiply(BigDecimal.valueOf(quantity)), this + " * " + quantity);
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

  private boolean fits() {
    return amount.abs().compareTo(MAX.amount) <= 0;
  }

  private static Money bounded(BigDecimal result, String what) {
    Money money = new Money(result);
    if (!money.fits()) {
      throw new Invalid(
          "AMOUNT_TOO_LARGE", what + " is too large: at most " + MAX + " in absolute value");
    }
    return money;
  }
}
