package io.mallbots.core.rpc;

import io.mallbots.core.domain.Actor;
import java.util.function.Supplier;

/**
 * The {@link Actor} of the RPC being served, for the service's port to hand to its use cases. It is known only
 * while the port's method runs synchronously (read it first thing, before any asynchronous step); outside a
 * served call it is {@link Actor#ANYONE}.
 */
public final class RpcCaller {

  private static final ThreadLocal<Actor> CURRENT = new ThreadLocal<>();

  private RpcCaller() {
  }

  /** The actor of the call being served. */
  public static Actor actor() {
    Actor actor = CURRENT.get();
    return actor == null ? Actor.ANYONE : actor;
  }

  /** Runs {@code call} with {@code actor} as the caller. */
  static <T> T as(Actor actor, Supplier<T> call) {
    Actor before = CURRENT.get();
    CURRENT.set(actor);
    try {
      return call.get();
    } finally {
      if (before == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(before);
      }
    }
  }
}
