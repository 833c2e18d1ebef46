package io.mallbots.core.messaging;

import io.vertx.core.Future;

/** A live subscription of one group to one topic. */
public interface Subscription {

  String topic();

  String group();

  /**
   * Stops receiving; messages in flight finish (and are acknowledged) before the future completes.
   */
  Future<Void> close();
}
