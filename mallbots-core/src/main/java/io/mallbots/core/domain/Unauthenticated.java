package io.mallbots.core.domain;

/** The caller could not be identified (no, expired or tampered token; wrong password). */
public final class Unauthenticated extends DomainException {

  public Unauthenticated(String message) {
    super("UNAUTHENTICATED", message);
  }

  /** With a specific machine-readable code, e.g. {@code USER_DISABLED}. */
  public Unauthenticated(String code, String message) {
    super(code, message);
  }
}
