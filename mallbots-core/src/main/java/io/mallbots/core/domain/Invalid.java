package io.mallbots.core.domain;

/** The request breaks a rule of its own (a missing name, a negative price): fix the request. */
public final class Invalid extends DomainException {

  public Invalid(String message) {
    super(message);
  }
}
