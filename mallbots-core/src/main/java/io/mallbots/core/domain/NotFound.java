package io.mallbots.core.domain;

/** The thing named by the request does not exist. */
public final class NotFound extends DomainException {

  public NotFound(String message) {
    super("NOT_FOUND", message);
  }

  /** With a specific machine-readable code, e.g. {@code USER_DISABLED}. */
  public NotFound(String code, String message) {
    super(code, message);
  }
}
