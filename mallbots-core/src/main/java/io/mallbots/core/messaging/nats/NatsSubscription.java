package io.mallbots.core.messaging.nats;

import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.MessageDispatcher;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.messaging.Subscription;
import io.mallbots.core.messaging.SubscriptionOptions;
import io.nats.client.MessageConsumer;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription of a {@link NatsEventStream}: a member of its group that owns some of the
 * topic's partitions (docs/adr/0009). It holds a lease per owned partition in {@link
 * NatsPartitionLeases}, pulls from that partition's durable consumer, and hands each delivery to a
 * {@link MessageDispatcher} (order per key, retries, dead letters), then acks it (handled or
 * dead-lettered).
 *
 * <p><b>Sharing.</b> Every tick (and whenever a member joins or leaves or a lease is given up) it
 * refreshes its heartbeat and leases, counts the live members M and keeps {@code ceil(P / M)}
 * partitions: it claims free ones up to that, and gives up the surplus. Giving up partition k: stop
 * pulling, wait until the open pull has ended (so nothing more is on its way to this member), until
 * every message of k it received is handled and acked, then delete the lease. The next owner thus
 * starts where this one stopped, and a key is never worked on by two members at once. A member that
 * loses a lease (not renewed for {@link NatsSettings#leaseTtl()}) stops pulling that partition at
 * once.
 *
 * <p><b>Closing.</b> As giving up every partition, except that messages not yet handled are not
 * worked on: they are nak'ed, in stream order and only once no pull is open, so JetStream hands
 * them to the next owner before anything newer (a nak'ed message goes to the consumer's redelivery
 * queue, which is served first).
 *
 * <p>Who calls it: {@link NatsEventStream#subscribe} creates and starts it, jnats hands it
 * deliveries and KV changes, and the application or the stream's close closes it. Threads: {@link
 * #receive} and the watch run on jnats threads and hop onto the subscribing context, where
 * everything else runs; lease and consumer calls that block run on worker threads.
 */
final class NatsSubscription implements Subscription {

  private static final Logger log = LoggerFactory.getLogger(NatsSubscription.class);

  /**
   * How long {@link NatsEventStream#subscribe} waits for this member to hold its share before it
   * answers.
   */
  private static final Duration JOIN_PATIENCE = Duration.ofSeconds(15);

  /** Starts pulling from one partition's durable consumer (worker thread). */
  interface PartitionConsumers {
    MessageConsumer consume(int partition) throws Exception;

    /**
     * After {@code consumer}'s pull ended: nak the message it has out beyond {@code lastReceived}
     * (a stream sequence), if any. Worker thread.
     */
    void nakUnreceived(MessageConsumer consumer, long lastReceived) throws Exception;
  }

  private final Vertx vertx;
  private final String topic;
  private final String group;
  private final Context context;
  private final Duration ackWait;
  private final NatsFlush flush;
  private final int partitions;
  private final Duration tickPeriod;
  private final Duration leaseTtl;
  private final Duration pullExpires;
  private final NatsPartitionLeases leases;
  private final PartitionConsumers consumers;

  /** Called once when closing starts, so that the stream stops counting this subscription. */
  private final Runnable onClosing;

  private final MessageDispatcher dispatcher;

  /** Delivered and neither acked nor nak'ed yet. Context only. */
  private final Set<InFlight> inFlight = new LinkedHashSet<>();

  /** Per partition: messages delivered and not yet settled. Context only. */
  private final Map<Integer, Integer> unsettled = new HashMap<>();

  /**
   * Per partition: the stream sequence of the last delivery that reached this context. Context
   * only.
   */
  private final Map<Integer, Long> lastReceived = new HashMap<>();

  /** Per partition being given up: completed when its last delivery is settled. Context only. */
  private final Map<Integer, Promise<Void>> drainedPartitions = new HashMap<>();

  /** The partitions this member holds a lease on, by number. Context only. */
  private final Map<Integer, Owned> owned = new TreeMap<>();

  /** Live members by id, with when their heartbeat was last seen (nanoTime). Context only. */
  private final Map<String, Long> members = new HashMap<>();

  /**
   * Received while closing, or given up by the closed dispatcher: nak'ed in stream order at the
   * end.
   */
  private final List<io.nats.client.Message> toNak = new ArrayList<>();

  private NatsKeyValueWatchSubscription watch;
  private boolean closing;
  private boolean ticking;
  private boolean tickAgain;
  private Future<Void> currentTick = Future.succeededFuture();
  private long tickTimer = -1;
  private long keepAliveTimer = -1;
  private Promise<Void> joined;
  private Promise<Void> settled;
  private Future<Void> shutdown;

  /**
   * @param context the subscribing context, where the handler runs
   * @param deadLetters publishes a dead letter (already addressed to the DLQ topic)
   */
  NatsSubscription(
      Vertx vertx,
      String topic,
      String group,
      Context context,
      SubscriptionOptions options,
      MessageHandler handler,
      Function<Message, Future<Void>> deadLetters,
      NatsSettings settings,
      Duration pullExpires,
      NatsPartitionLeases leases,
      PartitionConsumers consumers,
      NatsFlush flush,
      Runnable onClosing) {
    this.vertx = vertx;
    this.topic = topic;
    this.group = group;
    this.context = context;
    this.ackWait = settings.ackWait();
    this.partitions = settings.partitions();
    this.leaseTtl = settings.leaseTtl();
    this.tickPeriod = Duration.ofMillis(Math.max(250, Math.min(2_000, leaseTtl.toMillis() / 10)));
    this.pullExpires = pullExpires;
    this.flush = flush;
    this.leases = leases;
    this.consumers = consumers;
    this.onClosing = onClosing;
    this.dispatcher = new MessageDispatcher(context, group, options, handler, deadLetters);
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public String group() {
    return group;
  }

  /**
   * Context: joins the group. Completes once this member holds its share of the partitions (or
   * after {@link #JOIN_PATIENCE}: a dead member's leases last until they expire), so that a group
   * whose members subscribed has formed before messages flow.
   */
  Future<Void> start() {
    // a message is refreshed at most two periods after the last time: well within the ack wait
    long period = Math.max(100, ackWait.toMillis() / 3);
    keepAliveTimer = vertx.setPeriodic(period, id -> keepAlive(period));
    members.put(leases.member(), System.nanoTime());
    joined = Promise.promise();
    long patience =
        vertx.setTimer(
            JOIN_PATIENCE.toMillis(),
            id -> {
              if (joined.tryComplete()) {
                log.info(
                    "group {} on {}: joined holding {} of {} partitions (the rest is held by others)",
                    group,
                    topic,
                    owned.keySet(),
                    partitions);
              }
            });
    joined.future().onComplete(done -> vertx.cancelTimer(patience));
    return context
        .<NatsKeyValueWatchSubscription>executeBlocking(
            () -> {
              leases.heartbeat();
              return leases.watch(
                  (member, alive) -> context.runOnContext(v -> memberChanged(member, alive)),
                  partition -> context.runOnContext(v -> requestTick()));
            },
            false)
        .compose(
            w -> {
              watch = w;
              tickTimer = vertx.setPeriodic(tickPeriod.toMillis(), id -> requestTick());
              requestTick();
              return joined.future();
            });
  }

  private void memberChanged(String member, boolean alive) {
    boolean known = members.containsKey(member);
    if (alive) {
      members.put(member, System.nanoTime());
    } else {
      members.remove(member);
    }
    if (known != alive) {
      requestTick(); // a member came or went: the shares change
    }
  }

  private void requestTick() {
    if (closing) {
      return;
    }
    if (ticking) {
      tickAgain = true;
      return;
    }
    ticking = true;
    currentTick =
        tick()
            .recover(
                error -> {
                  log.warn(
                      "group {} on {}: partition leases not refreshed: {}",
                      group,
                      topic,
                      error.toString());
                  return Future.succeededFuture();
                })
            .onComplete(
                done -> {
                  ticking = false;
                  if (tickAgain) {
                    tickAgain = false;
                    requestTick();
                  }
                });
  }

  /**
   * Context: refresh heartbeat and leases, then claim or give up partitions to hold this member's
   * share.
   */
  private Future<Void> tick() {
    return context
        .<Set<Integer>>executeBlocking(
            () -> {
              leases.heartbeat();
              return leases.renew();
            },
            false)
        .compose(
            lost -> {
              for (int k : lost) {
                Owned o = owned.get(k);
                if (o != null) {
                  lost(k, o);
                }
              }
              if (closing) {
                return Future.succeededFuture();
              }
              long now = System.nanoTime();
              members
                  .values()
                  .removeIf(seen -> Duration.ofNanos(now - seen).compareTo(leaseTtl) > 0);
              members.put(leases.member(), now);
              int share = (partitions + members.size() - 1) / members.size();
              List<Integer> keeping =
                  owned.entrySet().stream()
                      .filter(e -> !e.getValue().releasing)
                      .map(Map.Entry::getKey)
                      .toList();
              if (keeping.size() > share) {
                keeping.subList(share, keeping.size()).forEach(this::giveUp);
                return Future.succeededFuture();
              }
              if (owned.size() >= share) {
                if (keeping.size() >= share) {
                  joined.tryComplete();
                }
                return Future.succeededFuture();
              }
              return claim(share - owned.size())
                  .map(
                      v -> {
                        if (owned.size() >= share) {
                          joined.tryComplete();
                        }
                        return null;
                      });
            });
  }

  /** Context: claims up to {@code wanted} free partitions and starts pulling from them. */
  private Future<Void> claim(int wanted) {
    Set<Integer> mine = Set.copyOf(owned.keySet());
    int offset =
        Math.floorMod(
            leases.member().hashCode(), partitions); // members start at different partitions
    return context
        .<List<Owned>>executeBlocking(
            () -> {
              List<Owned> claimed = new ArrayList<>();
              for (int i = 0; i < partitions && claimed.size() < wanted; i++) {
                int k = (offset + i) % partitions;
                if (mine.contains(k)) {
                  continue;
                }
                if (!leases.claim(k)) {
                  continue;
                }
                try {
                  claimed.add(new Owned(k, consumers.consume(k)));
                } catch (Exception e) {
                  leases.release(k);
                  log.warn(
                      "group {} on {}: cannot pull partition {}: {}",
                      group,
                      topic,
                      k,
                      e.toString());
                }
              }
              return claimed;
            },
            false)
        .map(
            claimed -> {
              for (Owned o : claimed) {
                owned.put(o.partition, o);
                log.debug(
                    "group {} on {}: member {} took partition {}",
                    group,
                    topic,
                    leases.member(),
                    o.partition);
              }
              return null;
            });
  }

  /**
   * Context: the lease of {@code k} is gone (expired or taken): stop pulling at once; nothing to
   * hand over.
   */
  private void lost(int k, Owned o) {
    log.warn("group {} on {}: lease of partition {} lost, stopping it", group, topic, k);
    owned.remove(k);
    o.releasing = true;
    closeConsumer(o);
  }

  /** Context: hands partition {@code k} over (see the class comment, "Sharing"). */
  private void giveUp(int k) {
    Owned o = owned.get(k);
    o.releasing = true;
    o.consumer.stop();
    pullEnded(o)
        .compose(v -> partitionSettled(k))
        .compose(v -> NatsEventStream.bridge(context, flush.flush()))
        .compose(
            v -> {
              if (closing || owned.get(k) != o) {
                return Future
                    .succeededFuture(); // closing hands it over itself, after nak'ing what is left
              }
              o.released = true;
              return context.<Void>executeBlocking(
                  () -> {
                    leases.release(k);
                    o.consumer.close();
                    return null;
                  },
                  false);
            })
        .onComplete(
            result -> {
              if (owned.get(k) == o && o.released) {
                owned.remove(k);
              }
              if (result.failed()) {
                log.warn(
                    "group {} on {}: giving up partition {}: {}",
                    group,
                    topic,
                    k,
                    result.cause().toString());
              } else {
                log.debug(
                    "group {} on {}: member {} gave up partition {}",
                    group,
                    topic,
                    leases.member(),
                    k);
              }
            });
  }

  /**
   * Context: completes once the stopped consumer's open pull has ended, so that no more messages
   * are on their way, and every message it received has reached this context. Waits at most two
   * pull expiries.
   */
  private Future<Void> pullEnded(Owned o) {
    Promise<Void> ended = Promise.promise();
    long deadline = System.nanoTime() + pullExpires.multipliedBy(2).toNanos();
    vertx.setPeriodic(
        20,
        id -> {
          boolean finished = o.consumer.isFinished();
          if (finished || System.nanoTime() > deadline) {
            vertx.cancelTimer(id);
            if (!finished) {
              log.warn(
                  "group {} on {}: pull of partition {} did not end in time",
                  group,
                  topic,
                  o.partition);
            }
            context.runOnContext(
                v -> ended.complete()); // after the deliveries jnats handed over before it ended
          }
        });
    // jnats ends a stopped consume by unsubscribing as soon as the pull's last message is read off
    // the socket, and its dispatcher then drops that message: it would be redelivered only after
    // the ack wait, behind newer ones. With one message out per partition, the one the server has
    // out is the last it delivered: if it never reached us, nak it now, so the next owner gets it
    // first.
    return ended
        .future()
        .compose(
            v -> {
              long last = lastReceived.getOrDefault(o.partition, 0L);
              return context
                  .<Void>executeBlocking(
                      () -> {
                        consumers.nakUnreceived(o.consumer, last);
                        return null;
                      },
                      false)
                  .recover(
                      error -> {
                        log.warn(
                            "group {} on {}: partition {} may have a message out until the ack wait: {}",
                            group,
                            topic,
                            o.partition,
                            error.toString());
                        return Future.succeededFuture();
                      });
            });
  }

  private Future<Void> partitionSettled(int k) {
    if (unsettled.getOrDefault(k, 0) == 0) {
      return Future.succeededFuture();
    }
    return drainedPartitions.computeIfAbsent(k, p -> Promise.promise()).future();
  }

  private void closeConsumer(Owned o) {
    context
        .executeBlocking(
            () -> {
              o.consumer.close();
              return null;
            },
            false)
        .onFailure(
            e -> log.debug("closing consumer of partition {}: {}", o.partition, e.toString()));
  }

  /** NATS dispatcher thread: decode, then continue on the subscribing context, in arrival order. */
  void receive(io.nats.client.Message delivery) {
    Message message;
    int partition;
    try {
      message = NatsEnvelope.message(delivery, topic);
      partition = Integer.parseInt(delivery.getSubject().substring(topic.length() + 2));
    } catch (RuntimeException e) {
      log.error(
          "group {} cannot read a message on {}, terminating it: {}",
          group,
          delivery.getSubject(),
          e.toString());
      delivery.term();
      return;
    }
    context.runOnContext(v -> handle(delivery, message, partition));
  }

  private void handle(io.nats.client.Message delivery, Message message, int partition) {
    lastReceived.merge(partition, streamSequence(delivery), Math::max);
    if (closing) {
      toNak.add(delivery);
      return;
    }
    InFlight entry = new InFlight(delivery, System.nanoTime());
    inFlight.add(entry);
    unsettled.merge(partition, 1, Integer::sum);
    dispatcher
        .dispatch(message)
        .onComplete(
            result -> {
              inFlight.remove(entry);
              if (result.succeeded()) {
                ack(delivery);
              } else {
                toNak.add(
                    delivery); // the dispatcher closed first: nak'ed in order once the pulls have
                // ended
              }
              if (unsettled.merge(partition, -1, Integer::sum) == 0) {
                unsettled.remove(partition);
                Promise<Void> drained = drainedPartitions.remove(partition);
                if (drained != null) {
                  drained.complete();
                }
              }
              if (inFlight.isEmpty() && settled != null) {
                settled.tryComplete();
              }
            });
  }

  private void ack(io.nats.client.Message delivery) {
    try {
      delivery.ack();
    } catch (RuntimeException e) {
      // connection closed or reconnecting: JetStream redelivers after the ack wait
      log.debug("could not ack a message of group {}: {}", group, e.toString());
    }
  }

  /**
   * Tells JetStream that messages held longer than a third of the ack wait are still being worked
   * on.
   */
  private void keepAlive(long periodMillis) {
    long now = System.nanoTime();
    for (InFlight entry : inFlight) {
      if (Duration.ofNanos(now - entry.since).toMillis() >= periodMillis) {
        try {
          entry.delivery.inProgress();
        } catch (RuntimeException e) {
          log.debug("in-progress ack failed: {}", e.toString());
        }
      }
    }
  }

  /** Any thread; completes on the caller's context. */
  @Override
  public Future<Void> close() {
    Context caller = vertx.getOrCreateContext();
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v ->
            shutdown()
                .onComplete(
                    result -> {
                      if (Vertx.currentContext() == caller) {
                        done.handle(result);
                      } else {
                        caller.runOnContext(x -> done.handle(result));
                      }
                    }));
    return done.future();
  }

  /**
   * Context: stop pulling, let in-flight messages finish, nak the rest in order, flush, then give
   * up the leases and the heartbeat (see the class comment, "Closing"). Never fails.
   */
  Future<Void> shutdown() {
    if (shutdown != null) {
      return shutdown;
    }
    closing = true;
    onClosing.run();
    vertx.cancelTimer(tickTimer);
    if (joined != null) {
      joined.tryComplete();
    }
    shutdown =
        currentTick
            .compose(
                v -> {
                  List<Owned> all = List.copyOf(owned.values());
                  all.forEach(o -> o.consumer.stop());
                  return Future.join(all.stream().map(this::pullEnded).toList()).mapEmpty();
                })
            .compose(v -> dispatcher.close())
            .compose(v -> allSettled())
            .compose(
                v -> {
                  vertx.cancelTimer(keepAliveTimer);
                  nakInStreamOrder();
                  return NatsEventStream.bridge(
                      context, flush.flush()); // acks and naks are fire-and-forget
                })
            .recover(
                error -> {
                  log.warn(
                      "acks of group {} on {} may not have reached NATS: {}",
                      group,
                      topic,
                      error.toString());
                  return Future.succeededFuture();
                })
            .compose(
                v -> {
                  List<Owned> all = List.copyOf(owned.values());
                  NatsKeyValueWatchSubscription watching = watch;
                  return context.<Void>executeBlocking(
                      () -> {
                        if (watching != null) {
                          watching.unsubscribe();
                        }
                        for (Owned o : all) {
                          if (!o.released) {
                            leases.release(o.partition);
                          }
                          o.consumer.close();
                        }
                        leases.leave();
                        return null;
                      },
                      false);
                })
            .recover(
                error -> {
                  log.warn(
                      "group {} on {}: leases not given up (they expire): {}",
                      group,
                      topic,
                      error.toString());
                  return Future.succeededFuture();
                });
    return shutdown;
  }

  private void nakInStreamOrder() {
    toNak.sort(Comparator.comparingLong(NatsSubscription::streamSequence));
    log.debug(
        "group {} on {}: nak'ing {} messages on closing: {}",
        group,
        topic,
        toNak.size(),
        toNak.stream().map(d -> d.getSubject() + "@" + streamSequence(d)).toList());
    for (io.nats.client.Message delivery : toNak) {
      try {
        delivery.nak();
      } catch (RuntimeException e) {
        log.debug("could not nak a message of group {}: {}", group, e.toString());
      }
    }
    toNak.clear();
  }

  private static long streamSequence(io.nats.client.Message delivery) {
    try {
      return delivery.metaData().streamSequence();
    } catch (RuntimeException notJetStream) {
      return Long.MAX_VALUE;
    }
  }

  private Future<Void> allSettled() {
    if (inFlight.isEmpty()) {
      return Future.succeededFuture();
    }
    settled = Promise.promise();
    return settled.future();
  }

  /** A partition this member holds. Context only. */
  private static final class Owned {
    final int partition;
    final MessageConsumer consumer;
    boolean releasing;

    /** The lease is deleted (or being deleted): the partition is someone else's to take. */
    boolean released;

    Owned(int partition, MessageConsumer consumer) {
      this.partition = partition;
      this.consumer = consumer;
    }
  }

  /** A delivery being handled, and since when (for the in-progress acks). */
  private static final class InFlight {
    final io.nats.client.Message delivery;
    final long since;

    InFlight(io.nats.client.Message delivery, long since) {
      this.delivery = delivery;
      this.since = since;
    }
  }
}
