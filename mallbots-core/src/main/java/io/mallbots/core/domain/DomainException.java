package io.mallbots.core.domain;

/**
 * A business rejection: the one small family of exceptions that domain and application code raise
 * (or fail futures with). Ports map each kind to a gRPC status and an HTTP status in exactly one
 * place ({@code io.mallbots.core.rpc.RpcErrors}); the message is meant for the caller, so it says
 * what to fix.
 */
public abstract sealed class DomainException extends RuntimeException
    permits Invalid,
        NotFound,
        Conflict,
        AlreadyExists,
        Unauthenticated,
        PermissionDenied,
        TooManyRequests {

  private final String code;

  protected DomainException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /**
   * A machine-readable reason in UPPER_SNAKE_CASE, e.g. {@code USER_DISABLED}; saga replies carry
   * it.
   */
  public String code() {
    return code;
  }
}
