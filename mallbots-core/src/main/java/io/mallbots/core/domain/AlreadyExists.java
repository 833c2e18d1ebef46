package io.mallbots.core.domain;

/** Something with the same identity or unique value exists already. */
public final class AlreadyExists extends DomainException {

  public AlreadyExists(String message) {
    super("ALREADY_EXISTS", message);
  }

  /** With a specific machine-readable code, e.g. {@code USER_DISABLED}. */
  public AlreadyExists(String code, String message) {
    super(code, message);
  }
}
