package io.mallbots.core.domain;

/** The caller is known but may not do this. */
public final class PermissionDenied extends DomainException {

  public PermissionDenied(String message) {
    super("PERMISSION_DENIED", message);
  }

  /** With a specific machine-readable code, e.g. {@code USER_DISABLED}. */
  public PermissionDenied(String code, String message) {
    super(code, message);
  }
}
