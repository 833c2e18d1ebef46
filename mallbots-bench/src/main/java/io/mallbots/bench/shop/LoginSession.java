package io.mallbots.bench.shop;

import io.mallbots.users.v1.LoginRequest;
import io.mallbots.users.v1.LoginResponse;
import io.mallbots.users.v1.UserServiceGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A user logged in the way a real client is: the access token of their last {@code users.Login},
 * which every call of theirs carries. Access tokens are short-lived ({@code
 * ACCESS_TOKEN_TTL_SECONDS}, 15 minutes by default) and users offers no refresh call, so the
 * session logs in again once half of the token's life has passed; a run longer than that keeps its
 * shoppers. A renewal that fails (users restarting under {@code make chaos}) is tried again a
 * second later while the old token still serves. Open, renew and close on the driving context.
 */
public final class LoginSession implements Supplier<String> {

  private static final long RETRY_MILLIS = 1_000;

  private final Vertx vertx;
  private final Function<LoginRequest, Future<LoginResponse>> login;
  private final LoginRequest credentials;
  private volatile String token;
  private volatile boolean closed;
  private long renewal = -1;

  private LoginSession(
      Vertx vertx, Function<LoginRequest, Future<LoginResponse>> login, LoginRequest credentials) {
    this.vertx = vertx;
    this.login = login;
    this.credentials = credentials;
  }

  /** Logs {@code username} in at users; succeeds once the first token is there. */
  public static Future<LoginSession> open(
      Vertx vertx, UserServiceGrpcClient users, String username, String password) {
    return open(vertx, users::login, username, password);
  }

  /** Logs {@code username} in through {@code login} (users' Login, or a stand-in in tests). */
  static Future<LoginSession> open(
      Vertx vertx,
      Function<LoginRequest, Future<LoginResponse>> login,
      String username,
      String password) {
    LoginSession session =
        new LoginSession(
            vertx,
            login,
            LoginRequest.newBuilder().setUsername(username).setPassword(password).build());
    return session.logIn().map(session);
  }

  /** The token to send now. */
  @Override
  public String get() {
    return token;
  }

  /** Stops renewing: the run is over (a timer left behind would log in to a mall that is gone). */
  public void close() {
    closed = true;
    vertx.cancelTimer(renewal);
  }

  private Future<Void> logIn() {
    return login
        .apply(credentials)
        .map(
            response -> {
              token = response.getAccessToken();
              renewIn(halfLifeMillis(response));
              return null;
            });
  }

  private void renewIn(long millis) {
    if (!closed && millis > 0) {
      renewal = vertx.setTimer(millis, id -> logIn().onFailure(notNow -> renewIn(RETRY_MILLIS)));
    }
  }

  /**
   * Half of what is left of the token's life; 0 (no renewal) when users did not say when it
   * expires.
   */
  private static long halfLifeMillis(LoginResponse response) {
    if (!response.hasAccessTokenExpiresAt()) {
      return 0;
    }
    long left = response.getAccessTokenExpiresAt().getSeconds() * 1000 - System.currentTimeMillis();
    return Math.max(RETRY_MILLIS, left / 2);
  }
}
