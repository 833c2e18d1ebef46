package io.mallbots.core.messaging.nats;

import io.nats.client.impl.NatsKeyValueWatchSubscription;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions one {@link NatsSubscription} holds, as a member of its group (docs/adr/0009): a
 * lease per owned partition in {@link NatsPartitionLeases}, and a pull from that partition's
 * durable consumer.
 *
 * <p><b>Sharing.</b> Every tick (and whenever a member joins or leaves or a lease is given up) it
 * refreshes its heartbeat and leases, counts the live members M and keeps {@code ceil(P / M)}
 * partitions: it claims free ones up to that, and gives up the surplus. Giving up partition k: stop
 * pulling, wait until the open pull has ended (so nothing more is on its way to this member), until
 * every message of k it received is handled and acked, then delete the lease ({@link
 * PartitionHandover}). The next owner thus starts where this one stopped, and a key is never worked
 * on by two members at once. A member that loses a lease (not renewed for {@link
 * NatsSettings#leaseTtl()}) stops pulling that partition at once.
 *
 * <p>Threads: the watch calls back on jnats threads and hops onto the subscribing context, where
 * everything else runs; lease and consumer calls that block run on worker threads.
 */
final class PartitionOwnership {

  private static final Logger log = LoggerFactory.getLogger(PartitionOwnership.class);

  /**
   * How long {@link NatsEventStream#subscribe} waits for this member to hold its share before it
   * answers.
   */
  private static final Duration JOIN_PATIENCE = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final String topic;
  private final String group;
  private final Context context;
  private final int partitions;
  private final Duration tickPeriod;
  private final Duration leaseTtl;
  private final NatsPartitionLeases leases;
  private final NatsSubscription.PartitionConsumers consumers;
  private final PartitionHandover handover;

  /** The partitions this member holds a lease on, by number. Context only. */
  private final Map<Integer, OwnedPartition> owned = new TreeMap<>();

  /** Live members by id, with when their heartbeat was last seen (nanoTime). Context only. */
  private final Map<String, Long> members = new HashMap<>();

  private NatsKeyValueWatchSubscription watch;
  private boolean closing;
  private boolean ticking;
  private boolean tickAgain;
  private Future<Void> currentTick = Future.succeededFuture();
  private long tickTimer = -1;
  private Promise<Void> joined;

  /**
   * @param context the subscribing context
   */
  PartitionOwnership(
      Vertx vertx,
      String topic,
      String group,
      Context context,
      NatsSettings settings,
      NatsPartitionLeases leases,
      NatsSubscription.PartitionConsumers consumers,
      PartitionHandover handover) {
    this.vertx = vertx;
    this.topic = topic;
    this.group = group;
    this.context = context;
    this.partitions = settings.partitions();
    this.leaseTtl = settings.leaseTtl();
    this.tickPeriod = Duration.ofMillis(Math.max(250, Math.min(2_000, leaseTtl.toMillis() / 10)));
    this.leases = leases;
    this.consumers = consumers;
    this.handover = handover;
  }

  /**
   * Context: joins the group. Completes once this member holds its share of the partitions (or
   * after {@link #JOIN_PATIENCE}: a dead member's leases last until they expire), so that a group
   * whose members subscribed has formed before messages flow.
   */
  Future<Void> join() {
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
                OwnedPartition o = owned.get(k);
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
        .<List<OwnedPartition>>executeBlocking(
            () -> {
              List<OwnedPartition> claimed = new ArrayList<>();
              for (int i = 0; i < partitions && claimed.size() < wanted; i++) {
                int k = (offset + i) % partitions;
                if (mine.contains(k)) {
                  continue;
                }
                if (!leases.claim(k)) {
                  continue;
                }
                try {
                  claimed.add(new OwnedPartition(k, consumers.consume(k)));
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
              for (OwnedPartition o : claimed) {
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
  private void lost(int k, OwnedPartition o) {
    log.warn("group {} on {}: lease of partition {} lost, stopping it", group, topic, k);
    owned.remove(k);
    o.releasing = true;
    handover.closeConsumer(o);
  }

  /** Context: hands partition {@code k} over (see the class comment, "Sharing"). */
  private void giveUp(int k) {
    OwnedPartition o = owned.get(k);
    o.releasing = true;
    // closing hands it over itself, after nak'ing what is left
    handover
        .giveUp(o, () -> closing || owned.get(k) != o)
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
   * Context, on closing: stop ticking and pulling; completes once every pull has ended (the leases
   * stay until {@link #leave}).
   */
  Future<Void> stopPulling() {
    closing = true;
    vertx.cancelTimer(tickTimer);
    if (joined != null) {
      joined.tryComplete();
    }
    return currentTick.compose(
        v -> {
          List<OwnedPartition> all = List.copyOf(owned.values());
          all.forEach(o -> o.consumer.stop());
          return Future.join(all.stream().map(handover::pullEnded).toList()).mapEmpty();
        });
  }

  /** Context, on closing: stop watching, give up the leases and the heartbeat, close the pulls. */
  Future<Void> leave() {
    List<OwnedPartition> all = List.copyOf(owned.values());
    NatsKeyValueWatchSubscription watching = watch;
    return context.<Void>executeBlocking(
        () -> {
          if (watching != null) {
            watching.unsubscribe();
          }
          for (OwnedPartition o : all) {
            if (!o.released) {
              leases.release(o.partition);
            }
            o.consumer.close();
          }
          leases.leave();
          return null;
        },
        false);
  }
}
