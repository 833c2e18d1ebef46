package io.mallbots.bench.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import io.mallbots.users.v1.LoginRequest;
import io.mallbots.users.v1.LoginResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A shopper stays logged in for a run longer than one access token lives. */
class LoginSessionTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void theSessionLogsInAgainBeforeItsTokenExpires() {
    AtomicInteger logins = new AtomicInteger();
    Function<LoginRequest, Future<LoginResponse>> users =
        request ->
            Future.succeededFuture(
                token("token-" + logins.incrementAndGet(), Duration.ofSeconds(2)));

    LoginSession session = LoginSession.open(vertx, users, "shopper", "secret").await();

    assertThat(session.get()).isEqualTo("token-1");
    await().atMost(Duration.ofSeconds(10)).until(() -> session.get().equals("token-2"));
    session.close();
  }

  @Test
  void aFailedRenewalIsTriedAgain() {
    AtomicInteger logins = new AtomicInteger();
    Function<LoginRequest, Future<LoginResponse>> users =
        request -> {
          int login = logins.incrementAndGet();
          return login == 2
              ? Future.failedFuture("users is restarting")
              : Future.succeededFuture(token("token-" + login, Duration.ofSeconds(2)));
        };

    LoginSession session = LoginSession.open(vertx, users, "shopper", "secret").await();

    await().atMost(Duration.ofSeconds(10)).until(() -> logins.get() >= 2);
    await().atMost(Duration.ofSeconds(10)).until(() -> session.get().equals("token-3"));
    session.close();
  }

  private static LoginResponse token(String token, Duration life) {
    return LoginResponse.newBuilder()
        .setAccessToken(token)
        .setAccessTokenExpiresAt(
            Timestamp.newBuilder().setSeconds(Instant.now().plus(life).getEpochSecond()))
        .build();
  }
}
