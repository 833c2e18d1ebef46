package io.mallbots.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangedTest {

  @Test
  void a_change_holds_the_new_state_and_the_events_it_raised() {
    Changed<String, Integer> changed = Changed.of("after", 1);

    assertThat(changed.aggregate()).isEqualTo("after");
    assertThat(changed.events()).containsExactly(1);
  }

  @Test
  void a_silent_change_raises_nothing() {
    Changed<String, Integer> quiet = Changed.silently("after");

    assertThat(quiet.aggregate()).isEqualTo("after");
    assertThat(quiet.events()).isEmpty();
  }

  @Test
  void the_events_cannot_change_afterwards() {
    List<Integer> raised = new ArrayList<>(List.of(1, 2));
    Changed<String, Integer> changed = new Changed<>("after", raised);
    raised.add(3);

    assertThat(changed.events()).containsExactly(1, 2);
    assertThatThrownBy(() -> changed.events().add(4))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
