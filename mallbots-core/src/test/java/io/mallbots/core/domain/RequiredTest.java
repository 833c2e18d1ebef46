package io.mallbots.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequiredTest {

  @Test
  void required_text_is_given_back_without_surrounding_blanks() {
    assertThat(Required.text("  Widget \n", "name")).isEqualTo("Widget");
  }

  @Test
  void missing_or_blank_text_is_required() {
    assertThatThrownBy(() -> Required.text(null, "name"))
        .isInstanceOf(Invalid.class)
        .hasMessage("name is required");
    assertThatThrownBy(() -> Required.text(" \t", "name"))
        .isInstanceOf(Invalid.class)
        .hasMessage("name is required");
  }

  @Test
  void required_text_is_at_most_max_text_characters_after_stripping() {
    assertThat(Required.text(" " + "x".repeat(Required.MAX_TEXT) + " ", "sku"))
        .hasSize(Required.MAX_TEXT);
    assertThatThrownBy(() -> Required.text("x".repeat(Required.MAX_TEXT + 1), "sku"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("sku must be at most " + Required.MAX_TEXT);
  }

  @Test
  void a_quantity_is_at_least_one() {
    assertThat(Required.quantity(1)).isEqualTo(1);
    assertThatThrownBy(() -> Required.quantity(0))
        .isInstanceOf(Invalid.class)
        .hasMessage("quantity must be at least 1, got 0");
  }
}
