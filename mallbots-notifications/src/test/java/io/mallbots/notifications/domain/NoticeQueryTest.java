package io.mallbots.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.PermissionDenied;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NoticeQueryTest {

  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00.123456789Z");

  @Test
  void a_shopper_may_ask_for_their_own_notices_only() {
    assertThat(NoticeQuery.of(Actor.shopper("alice"), "alice", "", 0).userId()).isEqualTo("alice");
    assertThatThrownBy(() -> NoticeQuery.of(Actor.shopper("mallory"), "alice", "", 0))
        .isInstanceOf(PermissionDenied.class)
        .hasMessageContaining("alice");
    assertThat(NoticeQuery.of(Actor.SERVICE, "alice", "", 0).userId()).isEqualTo("alice");
  }

  @Test
  void a_user_is_required() {
    assertThatThrownBy(() -> NoticeQuery.of(Actor.ANYONE, " ", "", 0))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("user_id is required");
  }

  @Test
  void the_page_size_defaults_to_20_is_capped_at_100_and_may_not_be_negative() {
    assertThat(NoticeQuery.of(Actor.ANYONE, "alice", "", 0).limit()).isEqualTo(20);
    assertThat(NoticeQuery.of(Actor.ANYONE, "alice", "", 7).limit()).isEqualTo(7);
    assertThat(NoticeQuery.of(Actor.ANYONE, "alice", "", 1000).limit()).isEqualTo(100);
    assertThatThrownBy(() -> NoticeQuery.of(Actor.ANYONE, "alice", "", -1))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("limit");
  }

  @Test
  void a_cursor_comes_back_as_it_went_out_to_the_microsecond() {
    PageCursor cursor = new PageCursor(NOW, "order-9", NotificationKind.READY);

    NoticeQuery next = NoticeQuery.of(Actor.shopper("alice"), "alice", cursor.encode("alice"), 5);

    assertThat(next.after())
        .contains(
            new PageCursor(
                Instant.parse("2026-11-24T10:00:00.123456Z"), "order-9", NotificationKind.READY));
  }

  @Test
  void a_cursor_made_for_another_user_edited_or_garbage_is_refused() {
    String alices = new PageCursor(NOW, "order-9", NotificationKind.READY).encode("alice");
    byte[] bytes = Base64.getUrlDecoder().decode(alices);
    bytes[3] ^= 1;
    String edited = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

    assertThatThrownBy(() -> NoticeQuery.of(Actor.ANYONE, "bob", alices, 0))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("another user");
    for (String next : List.of(edited, "not a cursor", "AAAA", alices.substring(0, 10))) {
      assertThatThrownBy(() -> NoticeQuery.of(Actor.ANYONE, "alice", next, 0))
          .as(next)
          .isInstanceOf(Invalid.class)
          .hasMessageContaining("next");
    }
  }

  @Test
  void a_page_points_past_its_last_notice_only_when_more_were_found() {
    Notification newest = notice("order-3", NOW.plusSeconds(2));
    Notification middle = notice("order-2", NOW.plusSeconds(1));
    Notification oldest = notice("order-1", NOW);

    assertThat(NoticePage.of(List.of(newest, middle), 2))
        .isEqualTo(new NoticePage(List.of(newest, middle), Optional.empty()));
    assertThat(NoticePage.of(List.of(newest, middle, oldest), 2))
        .isEqualTo(
            new NoticePage(
                List.of(newest, middle),
                Optional.of(new PageCursor(middle.sentAt(), "order-2", NotificationKind.CREATED))));
  }

  private static Notification notice(String orderId, Instant sentAt) {
    return new Notification(
        orderId, "alice", NotificationKind.CREATED, "alice@example.com", "hi", sentAt);
  }
}
