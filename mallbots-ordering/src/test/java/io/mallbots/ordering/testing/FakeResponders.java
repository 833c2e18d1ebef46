package io.mallbots.ordering.testing;

import io.mallbots.core.domain.Conflict;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.saga.CommandReplies;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for users and payments in the create-order saga: they take AuthorizeUser and
 * ConfirmPayment from the broker and answer with a success reply, or with a failure reply with the
 * code {@link #refuse} gave the command; {@link #hold} keeps commands unanswered, to be answered
 * later with {@link #answerHeld}; {@link #ignore} never answers a command, as if every reply to it
 * were lost.
 */
public final class FakeResponders {

  private final EventStream stream;
  private final Map<String, String> refusals = new ConcurrentHashMap<>();
  private final List<Message> received = new CopyOnWriteArrayList<>();
  private final List<Message> held = new CopyOnWriteArrayList<>();
  private final Set<String> heldNames = ConcurrentHashMap.newKeySet();
  private final Set<String> ignored = ConcurrentHashMap.newKeySet();
  private volatile boolean holding;

  private FakeResponders(EventStream stream) {
    this.stream = stream;
  }

  /** Subscribes to users' and payments' command topics on {@code stream}. */
  public static FakeResponders on(EventStream stream) {
    FakeResponders responders = new FakeResponders(stream);
    Future.all(
            stream.subscribe("mallbots.users.commands", "fake-users", responders::answer),
            stream.subscribe("mallbots.payments.commands", "fake-payments", responders::answer))
        .await();
    return responders;
  }

  /** Subscribes to users' command topic only: payments is the real one. */
  public static FakeResponders usersOn(EventStream stream) {
    FakeResponders responders = new FakeResponders(stream);
    stream.subscribe("mallbots.users.commands", "fake-users", responders::answer).await();
    return responders;
  }

  /**
   * Answers {@code command} (e.g. {@code users.AuthorizeUser}) with a failure reply with {@code
   * code}.
   */
  public FakeResponders refuse(String command, String code) {
    refusals.put(command, code);
    return this;
  }

  public FakeResponders agreeToEverything() {
    refusals.clear();
    ignored.clear();
    heldNames.clear();
    holding = false;
    held.clear();
    return this;
  }

  /**
   * Never answers {@code command} (e.g. {@code payments.ConfirmPayment}): its replies are lost,
   * every time.
   */
  public FakeResponders ignore(String command) {
    ignored.add(command);
    return this;
  }

  /** Keeps the commands that arrive from now on unanswered. */
  public void hold() {
    holding = true;
  }

  /** Keeps the commands named {@code command} that arrive from now on unanswered. */
  public void hold(String command) {
    heldNames.add(command);
  }

  /** Answers the held commands, and those that arrive from now on. */
  public void answerHeld() {
    holding = false;
    heldNames.clear();
    for (Message command : held) {
      stream.publish(reply(command)).await();
    }
    held.clear();
  }

  /** Every command received, in order of arrival. */
  public List<Message> received() {
    return received;
  }

  private Future<Void> answer(Message command) {
    received.add(command);
    if (ignored.contains(command.name())) {
      return Future.succeededFuture();
    }
    if (holding || heldNames.contains(command.name())) {
      held.add(command);
      return Future.succeededFuture();
    }
    return stream.publish(reply(command));
  }

  private Message reply(Message command) {
    String code = refusals.get(command.name());
    return code == null
        ? CommandReplies.success(command)
        : CommandReplies.failure(command, new Conflict(code, command.name() + " refused: " + code));
  }
}
