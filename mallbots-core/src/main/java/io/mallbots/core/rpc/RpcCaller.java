package io.mallbots.core.rpc;

import io.mallbots.core.domain.Actor;
import java.util.function.Supplier;

/**
 * The {@link Actor} of the RPC being served, for the service's port to hand to its use cases. It is
 * known only while the port's method runs synchronously (read it first thing, before any
 * asynchronous step); outside a served call it is {@link Actor#ANYONE}.
 */
public final class RpcCaller {

  private static final ThreadLocal<Call> CURRENT = new ThreadLocal<>();

  private record Call(Actor actor, String clientAddress) {}

  private RpcCaller() {}

  /** The actor of the call being served. */
  public static Actor actor() {
    Call call = CURRENT.get();
    return call == null ? Actor.ANYONE : call.actor();
  }

  /**
   * The network address (IP, no port) the call being served came from, for limits per client;
   * {@code null} outside a served call or when unknown.
   */
  public static String clientAddress() {
    Call call = CURRENT.get();
    return call == null ? null : call.clientAddress();
  }

  /** Runs {@code call} with {@code actor}, calling from {@code clientAddress}, as the caller. */
  static <T> T as(Actor actor, String clientAddress, Supplier<T> served) {
    Call before = CURRENT.get();
    CURRENT.set(new Call(actor, clientAddress));
    try {
      return served.get();
    } finally {
      if (before == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(before);
      }
    }
  }
}
