package io.mallbots.core.messaging.memory;

import io.mallbots.core.messaging.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-JVM broker behind {@link MemoryEventStream}: each topic an append-only log, each group a
 * durable position in it. Several streams (one per service in a single JVM) share one broker.
 * Thread-safe: every method holds the broker's lock, and deliveries are handed out after releasing
 * it.
 */
public final class MemoryBroker {

  private final Map<String, List<Message>> logs = new HashMap<>();
  private final Map<String, Group> groups = new HashMap<>();
  private long appended;

  void append(List<Message> messages) {
    List<Group> touched = new ArrayList<>();
    synchronized (this) {
      for (Message message : messages) {
        logs.computeIfAbsent(message.topic(), t -> new ArrayList<>()).add(message);
        appended++;
        groups.values().stream()
            .filter(g -> g.topic.equals(message.topic()) && !touched.contains(g))
            .forEach(touched::add);
      }
    }
    touched.forEach(this::pump);
  }

  void join(MemoryEventStream.Member member) {
    Group group;
    synchronized (this) {
      group =
          groups.computeIfAbsent(
              member.topic() + '\u0000' + member.group(), k -> new Group(member.topic()));
      group.members.add(member);
    }
    pump(group);
  }

  void leave(MemoryEventStream.Member member) {
    Group group;
    synchronized (this) {
      group = groups.get(member.topic() + '\u0000' + member.group());
      group.members.remove(member);
    }
    pump(group);
  }

  /** The member finished a message; a failed one (member closed first) goes back to the group. */
  void finished(MemoryEventStream.Member member, Message message, boolean handled) {
    Group group;
    synchronized (this) {
      group = groups.get(member.topic() + '\u0000' + member.group());
      member.pending--;
      group.keysInFlight.computeIfPresent(
          message.aggregateId(), (key, held) -> held.count == 1 ? null : held.less());
      if (!handled) {
        group.redeliveries.addLast(message);
      }
    }
    pump(group);
  }

  /**
   * Whether every group has taken and finished every message of its topic: with the outboxes empty,
   * the system is quiet (tests wait for this instead of sleeping).
   */
  public synchronized boolean idle() {
    for (Group group : groups.values()) {
      boolean busy = group.members.stream().anyMatch(member -> member.pending > 0);
      if (busy
          || !group.redeliveries.isEmpty()
          || group.position < logs.getOrDefault(group.topic, List.of()).size()) {
        return false;
      }
    }
    return true;
  }

  /**
   * How many messages were ever published here: unchanged across a check, nothing arrived during
   * it.
   */
  public synchronized long appended() {
    return appended;
  }

  /**
   * Hands each member of the group what it can take now, in log order; a key goes to one member
   * while the membership holds. A key still in flight at one member (say one that is leaving) is
   * not handed to another until that member has finished it: the queue waits, so the key's order
   * holds across a hand-over.
   */
  private void pump(Group group) {
    List<Runnable> deliveries = new ArrayList<>();
    synchronized (this) {
      List<Message> log = logs.getOrDefault(group.topic, List.of());
      while (!group.members.isEmpty()) {
        Message next =
            !group.redeliveries.isEmpty()
                ? group.redeliveries.peekFirst()
                : group.position < log.size() ? log.get(group.position) : null;
        if (next == null) {
          break;
        }
        var member =
            group.members.get(Math.floorMod(next.aggregateId().hashCode(), group.members.size()));
        if (member.pending >= member.maxInFlight()) {
          break;
        }
        KeyHolder holder = group.keysInFlight.get(next.aggregateId());
        if (holder != null && holder.member != member) {
          break;
        }
        group.keysInFlight.put(
            next.aggregateId(), holder == null ? new KeyHolder(member, 1) : holder.more());
        if (group.redeliveries.isEmpty()) {
          group.position++;
        } else {
          group.redeliveries.pollFirst();
        }
        member.pending++;
        deliveries.add(() -> member.deliver(next));
      }
    }
    deliveries.forEach(Runnable::run);
  }

  private static final class Group {
    final String topic;
    final List<MemoryEventStream.Member> members = new ArrayList<>();
    final Deque<Message> redeliveries = new ArrayDeque<>();

    /** Keys handed to a member and not finished yet, with that member. */
    final Map<String, KeyHolder> keysInFlight = new HashMap<>();

    int position;

    Group(String topic) {
      this.topic = topic;
    }
  }

  /** The member working on a key's messages, and how many of them. */
  private record KeyHolder(MemoryEventStream.Member member, int count) {
    KeyHolder more() {
      return new KeyHolder(member, count + 1);
    }

    KeyHolder less() {
      return new KeyHolder(member, count - 1);
    }
  }
}
