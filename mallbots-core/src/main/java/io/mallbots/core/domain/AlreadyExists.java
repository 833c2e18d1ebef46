package io.mallbots.core.domain;

/** Something with the same identity or unique value exists already. */
public final class AlreadyExists extends DomainException {

  public AlreadyExists(String message) {
    super(message);
  }
}
