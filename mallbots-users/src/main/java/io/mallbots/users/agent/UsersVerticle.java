package io.mallbots.users.agent;

import com.nimbusds.jose.jwk.ECKey;
import io.mallbots.core.agent.ServiceAgent;
import io.mallbots.core.agent.ServiceVerticle;
import io.mallbots.core.auth.AuthKeys;
import io.mallbots.core.config.AuthSettings;
import io.mallbots.users.adapters.auth.BcryptPasswords;
import io.mallbots.users.adapters.auth.JwtTokens;
import io.mallbots.users.adapters.pg.PgUsers;
import io.mallbots.users.application.LoginLimits;
import io.mallbots.users.application.Passwords;
import io.mallbots.users.application.UsersApplication;
import io.mallbots.users.ports.grpc.UsersGrpcServer;
import io.mallbots.users.ports.handlers.UsersCommandHandlers;
import io.mallbots.users.v1.UserServiceGrpcService;
import io.mallbots.users.v1.UsersContract;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The users service: UserService over gRPC and JSON, and the AuthorizeUser saga command. */
public final class UsersVerticle extends ServiceVerticle<UsersSettings> {

  public static final String SERVICE = "users";
  private static final Logger log = LoggerFactory.getLogger(UsersVerticle.class);

  private final UnaryOperator<Passwords> passwords;

  /** {@code overrides} win over the environment and {@code app.env} (tests, launchers). */
  public UsersVerticle(Map<String, String> overrides) {
    this(overrides, UnaryOperator.identity());
  }

  /**
   * With the password hashing wrapped by {@code passwords} (tests count bcrypt runs through it).
   */
  public UsersVerticle(Map<String, String> overrides, UnaryOperator<Passwords> passwords) {
    super(SERVICE, overrides, UsersSettings::from);
    this.passwords = passwords;
  }

  /**
   * The key users signs tokens with: {@code AUTH_PRIVATE_KEY}, whose public half must be the {@code
   * AUTH_PUBLIC_KEY} the other services verify with. Without tokens required and without a key
   * (plain development), a throw-away key: its tokens are good only for this instance's
   * LoginVerify.
   */
  static ECKey signingKey(AuthSettings auth) {
    if (auth.privateKey() == null) {
      if (auth.required()) {
        throw new IllegalArgumentException(
            "users needs AUTH_PRIVATE_KEY (its EC P-256 key as a JWK) to sign "
                + "logins where AUTH_REQUIRED=true");
      }
      log.info("no AUTH_PRIVATE_KEY: login tokens are signed with a throw-away key (development)");
      return AuthKeys.parseEcKey(AuthKeys.throwAway().privateKey(), AuthKeys.PRIVATE_KEY);
    }
    ECKey publicHalf = auth.privateKey().toPublicJWK();
    if (auth.publicKey() != null
        && !publicHalf.toJSONObject().equals(auth.publicKey().toJSONObject())) {
      throw new IllegalArgumentException(
          "AUTH_PUBLIC_KEY is not the public half of AUTH_PRIVATE_KEY: "
              + "the other services could not verify users' tokens");
    }
    return auth.privateKey();
  }

  @Override
  protected Future<Void> wire(ServiceAgent agent, UsersSettings settings) {
    UsersApplication application =
        new UsersApplication(
            agent.database(),
            new PgUsers(agent.database()),
            passwords.apply(new BcryptPasswords(vertx, settings.bcryptCost())),
            new JwtTokens(
                signingKey(agent.settings().auth()),
                settings.operatorIds(),
                settings.accessTokenTtl(),
                settings.refreshTokenTtl(),
                Clock.systemUTC()),
            new LoginLimits(
                settings.loginAttemptsPerMinutePerUsername(),
                settings.loginAttemptsPerMinutePerAddress(),
                Clock.systemUTC()));
    agent.serve(UserServiceGrpcService.SERVICE_DESCRIPTOR, new UsersGrpcServer(application));
    return agent
        .handleCommands(
            UsersContract.COMMANDS,
            UsersCommandHandlers.GROUP,
            new UsersCommandHandlers(application))
        .mapEmpty();
  }
}
