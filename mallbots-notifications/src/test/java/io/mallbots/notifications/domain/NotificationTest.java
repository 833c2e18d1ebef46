package io.mallbots.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.domain.Invalid;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationTest {

  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final Recipient ALICE = new Recipient("user-1", "alice", "alice@example.com");

  @Test
  void a_created_order_tells_the_user_it_was_received() {
    Notification sent =
        Notification.compose(notice("order-7", NotificationKind.CREATED), ALICE, NOW);

    assertThat(sent)
        .isEqualTo(
            new Notification(
                "order-7",
                "user-1",
                NotificationKind.CREATED,
                "alice@example.com",
                "Hello alice, we received your order order-7.",
                NOW));
  }

  @Test
  void a_ready_order_tells_the_user_to_pick_it_up() {
    assertThat(Notification.compose(notice("order-7", NotificationKind.READY), ALICE, NOW).text())
        .isEqualTo("Hello alice, your order order-7 is ready for pick-up.");
  }

  @Test
  void a_canceled_order_tells_the_user_it_was_canceled() {
    assertThat(
            Notification.compose(notice("order-7", NotificationKind.CANCELED), ALICE, NOW).text())
        .isEqualTo("Hello alice, your order order-7 was canceled.");
  }

  @Test
  void an_unknown_user_is_told_by_id_without_a_name() {
    Notification sent =
        Notification.compose(
            notice("order-7", NotificationKind.CREATED), Recipient.unknown("user-1"), NOW);

    assertThat(sent.recipient()).isEqualTo("user:user-1");
    assertThat(sent.text()).isEqualTo("Hello, we received your order order-7.");
  }

  @Test
  void a_notice_goes_only_to_the_order_s_own_user() {
    assertThatThrownBy(
            () ->
                Notification.compose(
                    notice("order-7", NotificationKind.CREATED), Recipient.unknown("user-2"), NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_notice_needs_an_order_and_a_user() {
    assertThatThrownBy(() -> new OrderNotice(" ", "user-1", NotificationKind.READY))
        .isInstanceOf(Invalid.class)
        .hasMessage("order_id is required");
    assertThatThrownBy(() -> new OrderNotice("order-7", "", NotificationKind.READY))
        .isInstanceOf(Invalid.class)
        .hasMessage("user_id is required");
    assertThatThrownBy(() -> new OrderNotice("order-7", null, NotificationKind.READY))
        .isInstanceOf(Invalid.class)
        .hasMessage("user_id is required");
  }

  @Test
  void ids_are_trimmed_and_of_bounded_length() {
    assertThat(new OrderNotice(" order-7 ", " user-1\n", NotificationKind.READY))
        .isEqualTo(new OrderNotice("order-7", "user-1", NotificationKind.READY));
    assertThatThrownBy(
            () ->
                new OrderNotice(
                    "o".repeat(OrderNotice.MAX_ID_LENGTH + 1), "user-1", NotificationKind.READY))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("order_id must be at most");
  }

  @Test
  void a_recipient_needs_a_user_id() {
    assertThatThrownBy(() -> new Recipient("", "alice", "alice@example.com"))
        .isInstanceOf(Invalid.class);
    assertThat(ALICE.known()).isTrue();
    assertThat(Recipient.unknown("user-1").known()).isFalse();
  }

  private static OrderNotice notice(String orderId, NotificationKind kind) {
    return new OrderNotice(orderId, "user-1", kind);
  }
}
