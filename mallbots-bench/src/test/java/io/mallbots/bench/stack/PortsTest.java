package io.mallbots.bench.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortsTest {

  @Test
  void a_port_is_handed_out_once_even_before_anyone_binds_it() {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      ports.add(Ports.free());
      int pair = Ports.freePair();
      ports.add(pair);
      ports.add(pair + 1);
    }

    // Drawn at random from 2,700 ports, 450 would share one almost surely if each draw only asked
    // what is bound.
    assertThat(ports).doesNotHaveDuplicates();
  }
}
