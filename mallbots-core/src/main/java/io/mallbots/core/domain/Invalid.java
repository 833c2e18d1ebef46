package io.mallbots.core.domain;

/** The request breaks a rule of its own (a missing name, a negative price): fix the request. */
public final class Invalid extends DomainException {

  public Invalid(String message) {
    super("INVALID", message);
  }

  /** With a specific machine-readable code, e.g. {@code USER_DISABLED}. */
  public Invalid(String code, String message) {
    super(code, message);
  }
}
