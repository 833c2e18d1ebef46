package io.mallbots.core.domain;

/** The caller is known but may not do this. */
public final class PermissionDenied extends DomainException {

  public PermissionDenied(String message) {
    super(message);
  }
}
