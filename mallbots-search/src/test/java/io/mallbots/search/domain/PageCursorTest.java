package io.mallbots.search.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.domain.Invalid;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageCursorTest {

  private final PageCursor cursor =
      new PageCursor(Instant.parse("2024-05-01T10:15:30.123456Z"), "order-Ω-1");
  private final OrderFilters filters = OrderFiltersTest.stores("store-1");

  @Test
  void a_cursor_reads_back_as_it_was_written() {
    assertThat(PageCursor.decode(cursor.encode(filters), filters)).isEqualTo(cursor);
  }

  @Test
  void a_cursor_is_opaque_url_safe_text() {
    assertThat(cursor.encode(filters)).matches("[A-Za-z0-9_-]+").doesNotContain("order");
  }

  @Test
  void instants_before_1970_survive_the_trip() {
    PageCursor old = new PageCursor(Instant.parse("1969-12-31T23:59:59.999999Z"), "order-0");

    assertThat(PageCursor.decode(old.encode(filters), filters)).isEqualTo(old);
  }

  @Test
  void garbage_is_refused() {
    for (String garbage :
        List.of(
            "x",
            "not a cursor!",
            "%%%",
            "AAAA",
            Base64.getUrlEncoder().encodeToString(new byte[64]))) {
      assertThatThrownBy(() -> PageCursor.decode(garbage, filters))
          .as(garbage)
          .isInstanceOf(Invalid.class)
          .hasMessageStartingWith("next is not a cursor");
    }
  }

  @Test
  void a_cursor_with_any_byte_changed_is_refused() {
    byte[] bytes = Base64.getUrlDecoder().decode(cursor.encode(filters));
    for (int i = 0; i < bytes.length; i++) {
      byte[] tampered = bytes.clone();
      tampered[i] ^= 0x01;
      String next = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
      assertThatThrownBy(() -> PageCursor.decode(next, filters))
          .as("byte " + i)
          .isInstanceOf(Invalid.class);
    }
  }

  @Test
  void a_truncated_cursor_is_refused() {
    String next = cursor.encode(filters);

    assertThatThrownBy(() -> PageCursor.decode(next.substring(0, next.length() - 3), filters))
        .isInstanceOf(Invalid.class);
  }

  @Test
  void a_cursor_sent_with_other_filters_is_refused() {
    String next = cursor.encode(filters);

    assertThatThrownBy(() -> PageCursor.decode(next, OrderFilters.none()))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("other filters");
  }
}
