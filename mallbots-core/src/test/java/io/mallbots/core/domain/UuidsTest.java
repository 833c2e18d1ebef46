package io.mallbots.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTest {

  @Test
  void a_canonical_uuid_is_read_in_either_case() {
    UUID id = UUID.randomUUID();

    assertThat(Uuids.parse(id.toString(), "id")).isEqualTo(id);
    assertThat(Uuids.parse(id.toString().toUpperCase(), "id")).isEqualTo(id);
  }

  @Test
  void a_missing_id_is_required_and_anything_else_is_no_uuid() {
    assertThatThrownBy(() -> Uuids.parse(null, "order_id"))
        .isInstanceOf(Invalid.class)
        .hasMessage("order_id is required");
    assertThatThrownBy(() -> Uuids.parse(" ", "order_id")).hasMessage("order_id is required");
    // UUID.fromString reads these; no service gives them out.
    assertThatThrownBy(() -> Uuids.parse("1-2-3-4-5", "order_id"))
        .isInstanceOf(Invalid.class)
        .hasMessage("order_id must be a UUID, got '1-2-3-4-5'");
    assertThatThrownBy(() -> Uuids.parse(" " + UUID.randomUUID(), "id"))
        .isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> Uuids.parse("x".repeat(100), "id")).hasMessageEndingWith("...'");
  }

  @Test
  void a_canonical_id_is_given_back_in_lower_case() {
    UUID id = UUID.randomUUID();

    assertThat(Uuids.canonical(id.toString().toUpperCase(), "user_id")).isEqualTo(id.toString());
    assertThatThrownBy(() -> Uuids.canonical("1-2-3-4-5", "user_id"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("user_id must be a UUID");
  }
}
