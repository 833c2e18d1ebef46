package io.mallbots.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PagePositionTest {

  private final PagePosition position =
      new PagePosition(Instant.parse("2024-05-01T10:15:30.123456789Z"), "order-Ω-1");

  @Test
  void a_position_comes_back_from_its_token_for_the_same_scope_with_microseconds() {
    PagePosition back = PagePosition.decode(position.encode("alice"), "alice", "other");

    assertThat(back).isEqualTo(position);
    assertThat(back.at()).isEqualTo(Instant.parse("2024-05-01T10:15:30.123456Z"));
  }

  @Test
  void a_token_of_another_scope_is_refused_with_the_callers_words() {
    assertThatThrownBy(() -> PagePosition.decode(position.encode("alice"), "mallory", "not yours"))
        .isInstanceOf(Invalid.class)
        .hasMessage("not yours");
  }

  @Test
  void an_edited_or_made_up_token_is_refused() {
    String token = position.encode("alice");
    char[] edited = token.toCharArray();
    edited[5] = edited[5] == 'A' ? 'B' : 'A';
    for (String bad :
        new String[] {
          new String(edited), "", "x", "not base64!", token.substring(0, token.length() - 2)
        }) {
      assertThatThrownBy(() -> PagePosition.decode(bad, "alice", "other"))
          .as(bad)
          .isInstanceOf(Invalid.class)
          .hasMessageContaining("not a cursor");
    }
  }
}
