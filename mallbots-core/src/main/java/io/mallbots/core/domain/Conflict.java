package io.mallbots.core.domain;

/**
 * The request is well formed, but the current state forbids it (e.g. adding to a checked-out
 * basket).
 */
public final class Conflict extends DomainException {

  public Conflict(String message) {
    super("CONFLICT", message);
  }

  /** With a specific machine-readable code, e.g. {@code USER_DISABLED}. */
  public Conflict(String code, String message) {
    super(code, message);
  }
}
