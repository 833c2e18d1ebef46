package io.mallbots.core.messaging.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.StorageType;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One group member's entries in the partition-lease KV bucket (docs/adr/0009): its heartbeat {@code
 * <durable>.m.<member>} and its leases {@code <durable>.p.<k>}, where {@code <durable>} is {@link
 * JetStreamNames#durableName} of the group and topic. The bucket keeps one revision per key and
 * forgets an entry {@link NatsSettings#leaseTtl()} after its last write, so a dead member's
 * heartbeat and leases vanish on their own; a live one rewrites them well before that.
 *
 * <p>Who calls it: {@link PartitionOwnership} and {@link PartitionHandover}. Threads: every method
 * blocks (a JetStream round trip) and runs on a worker thread, one at a time (they are
 * synchronized); the watch calls back on a jnats thread.
 */
final class NatsPartitionLeases {

  private static final Logger log = LoggerFactory.getLogger(NatsPartitionLeases.class);
  private static final int STREAM_NAME_IN_USE = 10058;

  private final KeyValue bucket;
  private final String base;
  private final String member;
  private final byte[] memberBytes;

  /** Partition -> revision of this member's lease on it. Guarded by this. */
  private final Map<Integer, Long> held = new HashMap<>();

  NatsPartitionLeases(KeyValue bucket, String group, String topic, String member) {
    this.bucket = bucket;
    this.base = JetStreamNames.durableName(group, topic);
    this.member = member;
    this.memberBytes = member.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The lease bucket under the settings' prefix, created (file storage, TTL {@link
   * NatsSettings#leaseTtl()}) if absent.
   */
  static KeyValue openBucket(Connection connection, NatsSettings settings)
      throws IOException, JetStreamApiException {
    String name = JetStreamNames.leaseBucket(settings.streamPrefix());
    try {
      KeyValueStatus status = connection.keyValueManagement().getStatus(name);
      if (status.getTtl().compareTo(settings.leaseTtl()) < 0) {
        // A lease must outlive the ack wait (see NatsSettings#leaseTtl): a longer one only slows a
        // dead member's hand-over, a shorter one could let its unacknowledged messages come after
        // newer ones.
        log.info("raising the ttl of partition lease bucket {} to {}", name, settings.leaseTtl());
        connection
            .keyValueManagement()
            .update(
                KeyValueConfiguration.builder(status.getConfiguration())
                    .ttl(settings.leaseTtl())
                    .build());
      }
    } catch (JetStreamApiException missing) {
      try {
        connection
            .keyValueManagement()
            .create(
                KeyValueConfiguration.builder()
                    .name(name)
                    .description("MallBots partition leases and group heartbeats")
                    .maxHistoryPerKey(1)
                    .ttl(settings.leaseTtl())
                    .storageType(StorageType.File)
                    .build());
        log.info("created partition lease bucket {} (ttl {})", name, settings.leaseTtl());
      } catch (JetStreamApiException e) {
        if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
          throw e; // otherwise created meanwhile by another instance
        }
      }
    }
    return connection.keyValue(name);
  }

  String member() {
    return member;
  }

  /** Writes (or refreshes) this member's heartbeat. */
  void heartbeat() throws IOException, JetStreamApiException {
    bucket.put(base + ".m." + member, memberBytes);
  }

  /** Takes partition {@code k} if nobody holds it: whether this member now holds it. */
  synchronized boolean claim(int k) throws IOException {
    try {
      held.put(k, bucket.create(leaseKey(k), memberBytes));
      return true;
    } catch (JetStreamApiException taken) {
      return false;
    }
  }

  /**
   * Extends every lease held; returns the partitions whose lease was lost (expired, or taken by
   * another).
   */
  synchronized Set<Integer> renew() throws IOException {
    Set<Integer> lost = new HashSet<>();
    for (Map.Entry<Integer, Long> lease : held.entrySet()) {
      try {
        lease.setValue(bucket.update(leaseKey(lease.getKey()), memberBytes, lease.getValue()));
      } catch (JetStreamApiException e) {
        lost.add(lease.getKey());
      }
    }
    held.keySet().removeAll(lost);
    return lost;
  }

  /** Gives partition {@code k} up, unless its lease is no longer this member's. */
  synchronized void release(int k) throws IOException {
    Long revision = held.remove(k);
    if (revision == null) {
      return;
    }
    try {
      bucket.delete(leaseKey(k), revision);
    } catch (JetStreamApiException notMine) {
      log.debug("lease {} was no longer ours: {}", leaseKey(k), notMine.getMessage());
    }
  }

  /** Removes this member's heartbeat. */
  void leave() throws IOException, JetStreamApiException {
    bucket.delete(base + ".m." + member);
  }

  /**
   * Watches the group's entries: {@code onMember} gets each heartbeat write or removal ("member",
   * alive), {@code onReleased} each lease removal. Existing entries are reported first.
   */
  NatsKeyValueWatchSubscription watch(MemberListener onMember, Consumer<Integer> onReleased)
      throws IOException, JetStreamApiException, InterruptedException {
    String members = base + ".m.";
    String leases = base + ".p.";
    return bucket.watch(
        base + ".>",
        new KeyValueWatcher() {
          @Override
          public void watch(KeyValueEntry entry) {
            boolean removed = entry.getOperation() != KeyValueOperation.PUT;
            if (entry.getKey().startsWith(members)) {
              onMember.changed(entry.getKey().substring(members.length()), !removed);
            } else if (removed && entry.getKey().startsWith(leases)) {
              try {
                onReleased.accept(Integer.parseInt(entry.getKey().substring(leases.length())));
              } catch (NumberFormatException notOurs) {
                // a key some other tool wrote: nothing to do
              }
            }
          }

          @Override
          public void endOfData() {
            // nothing: the entries reported so far are the current ones
          }
        });
  }

  private String leaseKey(int k) {
    return base + ".p." + k;
  }

  /** Told of a member's heartbeat. */
  interface MemberListener {
    void changed(String member, boolean alive);
  }
}
