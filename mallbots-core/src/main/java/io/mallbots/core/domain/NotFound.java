package io.mallbots.core.domain;

/** The thing named by the request does not exist. */
public final class NotFound extends DomainException {

  public NotFound(String message) {
    super(message);
  }
}
