package io.mallbots.notifications.testing;

import io.mallbots.core.domain.NotFound;
import io.mallbots.core.testing.FakeGrpcServer;
import io.mallbots.users.v1.GetUserRequest;
import io.mallbots.users.v1.GetUserResponse;
import io.mallbots.users.v1.User;
import io.mallbots.users.v1.UserServiceGrpcService;
import io.mallbots.users.v1.UserServiceService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the users service ({@link FakeGrpcServer}): GetUser answered from its map as users
 * does (NOT_FOUND with USER_NOT_FOUND for a stranger). {@link #calls()} counts the GetUser calls.
 */
public final class FakeUsers extends FakeGrpcServer {

  private final Map<String, User> users = new ConcurrentHashMap<>();

  private FakeUsers(Vertx vertx) {
    serve(vertx, UserServiceGrpcService.SERVICE_DESCRIPTOR, new Directory());
  }

  public static FakeUsers start(Vertx vertx) {
    return new FakeUsers(vertx);
  }

  /** A registered user with a new UUID id, {@code name@example.com}; returns the id. */
  public String register(String name) {
    String id = UUID.randomUUID().toString();
    users.put(
        id,
        User.newBuilder()
            .setId(id)
            .setUsername(name)
            .setEmail(name + "@example.com")
            .setEnabled(true)
            .build());
    return id;
  }

  /** The users service's GetUser, from the map. */
  private final class Directory extends UserServiceService {
    @Override
    public Future<GetUserResponse> getUser(GetUserRequest request) {
      String id = request.getId();
      return answer(
          id,
          () ->
              users.containsKey(id)
                  ? GetUserResponse.newBuilder().setUser(users.get(id)).build()
                  : null,
          () -> new NotFound("USER_NOT_FOUND", "no user " + id));
    }
  }
}
