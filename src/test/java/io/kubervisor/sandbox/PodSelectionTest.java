package io.kubervisor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PodSelectionTest {

  private static final List<String> AT_START = List.of("web-a", "web-b", "web-c");

  @Test
  void indexesPickPodsOfTheStartAndAllPicksThePodsOfNow() {
    List<String> now = List.of("web-a", "web-c", "web-z");

    assertThat(PodSelection.of(List.of(2, 0)).resolve(AT_START, now)).containsExactly("web-c", "web-a");
    assertThat(PodSelection.ALL.resolve(AT_START, now)).isEqualTo(now);
  }

  @Test
  void readsAsInTheScenario() {
    assertThat(PodSelection.ALL).hasToString("all pods");
    assertThat(PodSelection.of(List.of(3))).hasToString("pod 3");
    assertThat(PodSelection.of(List.of(0, 1))).hasToString("pods 0, 1");
  }
}
