package io.mallbots.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionsTest {

  @Test
  void an_incoming_version_applies_when_unknown_or_greater_than_the_stored_one() {
    assertThat(Versions.newer("excluded.version", "t.version"))
        .isEqualTo("(excluded.version = 0 OR excluded.version > t.version)");
  }
}
