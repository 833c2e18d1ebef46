package io.mallbots.bench.shop;

import io.mallbots.users.v1.RegisterUserRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the bench's user accounts through users' public API: registers each user and, where the
 * mall requires access tokens, logs them in and keeps the session. Registering and logging in are
 * open to all, so they go without a token. On the driving context.
 */
final class Accounts {

  private final Vertx vertx;
  private final MallClients mall;
  private final String password;
  private final boolean logIn;
  private final List<LoginSession> sessions = new ArrayList<>();

  /**
   * @param password the password of every account of this run (the bench's own, throwaway accounts)
   * @param logIn whether the mall requires access tokens, so each account logs in
   */
  Accounts(Vertx vertx, MallClients mall, String password, boolean logIn) {
    this.vertx = vertx;
    this.mall = mall;
    this.password = password;
    this.logIn = logIn;
  }

  /** Registers {@code username} (and logs in); the user with the clients to call as them. */
  Future<Shopper> open(String username) {
    return mall.users()
        .registerUser(
            RegisterUserRequest.newBuilder()
                .setUsername(username)
                .setPassword(password)
                .setEmail(username + "@bench.mallbots.io")
                .build())
        .compose(
            registered ->
                !logIn
                    ? Future.succeededFuture(new Shopper(registered.getId(), mall))
                    : LoginSession.open(vertx, mall.users(), username, password)
                        .map(
                            session -> {
                              sessions.add(session);
                              return new Shopper(registered.getId(), mall.bearing(session));
                            }));
  }

  /** The sessions opened so far. */
  List<LoginSession> sessions() {
    return List.copyOf(sessions);
  }
}
