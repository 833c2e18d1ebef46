package io.mallbots.users.agent;

import io.mallbots.core.agent.ServiceAgent;
import io.mallbots.core.agent.ServiceVerticle;
import io.mallbots.core.config.Settings;
import io.mallbots.users.adapters.auth.BcryptPasswords;
import io.mallbots.users.adapters.auth.JwtTokens;
import io.mallbots.users.adapters.pg.PgUsers;
import io.mallbots.users.application.LoginLimits;
import io.mallbots.users.application.Passwords;
import io.mallbots.users.application.UsersApplication;
import io.mallbots.users.ports.grpc.UsersGrpcServer;
import io.mallbots.users.ports.handlers.UsersCommandHandlers;
import io.mallbots.users.v1.UserServiceGrpcService;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The users service: UserService over gRPC and JSON, and the AuthorizeUser saga command. */
public final class UsersVerticle extends ServiceVerticle {

  public static final String SERVICE = "users";
  private static final Logger log = LoggerFactory.getLogger(UsersVerticle.class);

  private final UnaryOperator<Passwords> passwords;

  /** {@code overrides} win over the environment and {@code app.env} (tests, launchers). */
  public UsersVerticle(Map<String, String> overrides) {
    this(overrides, UnaryOperator.identity());
  }

  /** With the password hashing wrapped by {@code passwords} (tests count bcrypt runs through it). */
  public UsersVerticle(Map<String, String> overrides, UnaryOperator<Passwords> passwords) {
    super(SERVICE, overrides);
    this.passwords = passwords;
  }

  @Override
  protected Future<Void> wire(ServiceAgent agent, Settings raw) {
    UsersSettings settings = UsersSettings.from(raw);
    if (settings.developmentKey()) {
      log.warn("AUTH_SIGNING_KEY is the development default from app.env: anyone can forge login tokens. "
          + "Set a secret of your own outside development.");
    }
    UsersApplication application = new UsersApplication(agent.database(), new PgUsers(agent.database()),
        passwords.apply(new BcryptPasswords(vertx, settings.bcryptCost())),
        new JwtTokens(settings.signingKey(), settings.accessTokenTtl(), settings.refreshTokenTtl(), Clock.systemUTC()),
        new LoginLimits(settings.loginAttemptsPerMinutePerUsername(), settings.loginAttemptsPerMinutePerAddress(),
            Clock.systemUTC()));
    // A shopper registers and logs in before having a token.
    agent.serve(UserServiceGrpcService.SERVICE_DESCRIPTOR, new UsersGrpcServer(application),
        "RegisterUser", "Login", "LoginVerify");
    return agent.handleCommands(UsersCommandHandlers.TOPIC, UsersCommandHandlers.GROUP,
        new UsersCommandHandlers(application)).mapEmpty();
  }
}
