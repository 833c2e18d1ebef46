package io.mallbots.notifications.adapters.grpc;

import io.mallbots.notifications.application.UserDirectory;
import io.mallbots.notifications.domain.Recipient;
import io.mallbots.users.v1.GetUserRequest;
import io.mallbots.users.v1.User;
import io.mallbots.users.v1.UserServiceGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.util.Optional;

/**
 * {@link UserDirectory} over users' gRPC API (GetUser). NOT_FOUND, and INVALID_ARGUMENT for an id
 * that cannot be a user's, mean "no such user"; any other failure (users down, deadline passed) is
 * UNAVAILABLE, so an RPC caller is told to try again and a message is retried. Calls complete on
 * the caller's context.
 */
public final class GrpcUserDirectory implements UserDirectory {

  private final UserServiceGrpcClient users;

  /** {@code client} is from {@code RpcClients.client} (its deadline applies to every call). */
  public GrpcUserDirectory(GrpcClient client, SocketAddress usersAddress) {
    this.users = UserServiceGrpcClient.create(client, usersAddress);
  }

  @Override
  public Future<Optional<Recipient>> find(String userId) {
    return users
        .getUser(GetUserRequest.newBuilder().setId(userId).build())
        .map(response -> Optional.of(recipient(response.getUser())))
        .recover(
            failure ->
                noSuchUser(failure)
                    ? Future.succeededFuture(Optional.empty())
                    : Future.failedFuture(
                        new StatusException(
                            GrpcStatus.UNAVAILABLE,
                            "users cannot say who user "
                                + userId
                                + " is, try again: "
                                + failure.getMessage())));
  }

  private static boolean noSuchUser(Throwable failure) {
    return failure instanceof InvalidStatusException status
        && (status.actualStatus() == GrpcStatus.NOT_FOUND
            || status.actualStatus() == GrpcStatus.INVALID_ARGUMENT);
  }

  private static Recipient recipient(User user) {
    return new Recipient(user.getId(), user.getUsername(), user.getEmail());
  }
}
