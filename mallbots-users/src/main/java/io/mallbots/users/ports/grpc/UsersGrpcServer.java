package io.mallbots.users.ports.grpc;

import com.google.protobuf.Timestamp;
import io.mallbots.core.domain.Actor;
import io.mallbots.core.rpc.RpcCaller;
import io.mallbots.users.application.UsersApplication;
import io.mallbots.users.application.commands.AuthorizeUser;
import io.mallbots.users.application.commands.DisableUser;
import io.mallbots.users.application.commands.EnableUser;
import io.mallbots.users.application.commands.LogIn;
import io.mallbots.users.application.commands.RegisterUser;
import io.mallbots.users.application.commands.UpdateUser;
import io.mallbots.users.application.queries.GetUser;
import io.mallbots.users.application.queries.VerifyLogin;
import io.mallbots.users.domain.Email;
import io.mallbots.users.domain.Password;
import io.mallbots.users.domain.Profile;
import io.mallbots.users.domain.User;
import io.mallbots.users.domain.UserId;
import io.mallbots.users.domain.Username;
import io.mallbots.users.v1.AuthorizeUserRequest;
import io.mallbots.users.v1.AuthorizeUserResponse;
import io.mallbots.users.v1.DisableUserRequest;
import io.mallbots.users.v1.DisableUserResponse;
import io.mallbots.users.v1.EnableUserRequest;
import io.mallbots.users.v1.EnableUserResponse;
import io.mallbots.users.v1.GetUserRequest;
import io.mallbots.users.v1.GetUserResponse;
import io.mallbots.users.v1.LoginRequest;
import io.mallbots.users.v1.LoginResponse;
import io.mallbots.users.v1.LoginVerifyRequest;
import io.mallbots.users.v1.LoginVerifyResponse;
import io.mallbots.users.v1.RegisterUserRequest;
import io.mallbots.users.v1.RegisterUserResponse;
import io.mallbots.users.v1.UpdateUserRequest;
import io.mallbots.users.v1.UpdateUserResponse;
import io.mallbots.users.v1.UserServiceService;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * UserService over gRPC (and, through the core's bridge, JSON over HTTP): wire values become
 * commands, results become proto messages. Domain rejections thrown while reading the request fail
 * the call and are mapped to statuses by the core, like those of the application.
 */
public final class UsersGrpcServer extends UserServiceService {

  private final UsersApplication application;

  public UsersGrpcServer(UsersApplication application) {
    this.application = application;
  }

  @Override
  public Future<RegisterUserResponse> registerUser(RegisterUserRequest request) {
    return call(
            () ->
                new RegisterUser(
                    new Profile(
                        new Username(request.getUsername()),
                        new Email(request.getEmail()),
                        request.getBio(),
                        request.getImage()),
                    Password.choose(request.getPassword())),
            application::registerUser)
        .map(id -> RegisterUserResponse.newBuilder().setId(id.toString()).build());
  }

  @Override
  public Future<AuthorizeUserResponse> authorizeUser(AuthorizeUserRequest request) {
    Actor actor = RpcCaller.actor();
    return call(() -> new AuthorizeUser(self(request.getId(), actor)), application::authorizeUser)
        .map(v -> AuthorizeUserResponse.getDefaultInstance());
  }

  @Override
  public Future<EnableUserResponse> enableUser(EnableUserRequest request) {
    Actor actor = RpcCaller.actor();
    return call(
            () -> new EnableUser(byTheMall(request.getId(), actor, "EnableUser")),
            application::enableUser)
        .map(v -> EnableUserResponse.getDefaultInstance());
  }

  @Override
  public Future<DisableUserResponse> disableUser(DisableUserRequest request) {
    Actor actor = RpcCaller.actor();
    return call(
            () -> new DisableUser(byTheMall(request.getId(), actor, "DisableUser")),
            application::disableUser)
        .map(v -> DisableUserResponse.getDefaultInstance());
  }

  @Override
  public Future<UpdateUserResponse> updateUser(UpdateUserRequest request) {
    Actor actor = RpcCaller.actor();
    String clientAddress = RpcCaller.clientAddress();
    return call(
            () ->
                new UpdateUser(
                    self(request.getId(), actor),
                    present(request.hasUsername(), () -> new Username(request.getUsername())),
                    present(request.hasEmail(), () -> new Email(request.getEmail())),
                    present(request.hasBio(), request::getBio),
                    present(request.hasImage(), request::getImage),
                    present(request.hasPassword(), () -> Password.choose(request.getPassword())),
                    // An empty current password is no password: the application refuses the change
                    // for want of one.
                    present(
                        request.hasCurrentPassword() && !request.getCurrentPassword().isEmpty(),
                        () -> Password.offered(request.getCurrentPassword())),
                    clientAddress),
            application::updateUser)
        .map(user -> UpdateUserResponse.newBuilder().setUser(toProto(user)).build());
  }

  @Override
  public Future<LoginResponse> login(LoginRequest request) {
    String clientAddress = RpcCaller.clientAddress();
    return call(
            () ->
                new LogIn(
                    request.getUsername(), Password.offered(request.getPassword()), clientAddress),
            application::logIn)
        .map(
            loggedIn ->
                LoginResponse.newBuilder()
                    .setUserId(loggedIn.userId().toString())
                    .setAccessToken(loggedIn.tokens().accessToken())
                    .setAccessTokenExpiresAt(timestamp(loggedIn.tokens().accessExpiresAt()))
                    .setRefreshToken(loggedIn.tokens().refreshToken())
                    .setRefreshTokenExpiresAt(timestamp(loggedIn.tokens().refreshExpiresAt()))
                    .build());
  }

  @Override
  public Future<LoginVerifyResponse> loginVerify(LoginVerifyRequest request) {
    return call(() -> new VerifyLogin(request.getToken()), application::verifyLogin)
        .map(
            verified ->
                LoginVerifyResponse.newBuilder()
                    .setUserId(verified.userId().toString())
                    .setUsername(verified.username().value())
                    .setExpiresAt(timestamp(verified.expiresAt()))
                    .build());
  }

  @Override
  public Future<GetUserResponse> getUser(GetUserRequest request) {
    Actor actor = RpcCaller.actor();
    return call(() -> new GetUser(self(request.getId(), actor)), application::getUser)
        .map(user -> GetUserResponse.newBuilder().setUser(toProto(user)).build());
  }

  /** The user {@code id} names, who must be the shopper asking (a service may name anyone). */
  private static UserId self(String id, Actor actor) {
    UserId user = UserId.parse(id);
    actor.ensureMayActFor(user.toString(), "user " + user);
    return user;
  }

  /** The user {@code id} names, for an RPC only the mall's services may call. */
  private static UserId byTheMall(String id, Actor actor, String rpc) {
    UserId user = UserId.parse(id);
    actor.ensureActsForAll(rpc);
    return user;
  }

  /** Reads the request into a command (which may reject it), then runs the use case. */
  private static <C, R> Future<R> call(Supplier<C> command, Function<C, Future<R>> useCase) {
    return Future.succeededFuture().map(v -> command.get()).compose(useCase);
  }

  private static <T> Optional<T> present(boolean set, Supplier<T> value) {
    return set ? Optional.of(value.get()) : Optional.empty();
  }

  private static io.mallbots.users.v1.User toProto(User user) {
    Profile profile = user.profile();
    return io.mallbots.users.v1.User.newBuilder()
        .setId(user.id().toString())
        .setUsername(profile.username().value())
        .setEmail(profile.email().value())
        .setBio(profile.bio())
        .setImage(profile.image())
        .setEnabled(user.enabled())
        .build();
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }
}
