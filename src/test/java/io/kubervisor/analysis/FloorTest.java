package io.kubervisor.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FloorTest {

  @ParameterizedTest(name = "{0} managed, minCount {1}, ratio {2}% -> {3}")
  @CsvSource({
      "10, 1, 50, 5",
      "10, 0, 50, 5",
      "7, 1, 50, 4",
      "3, 1, 33, 1",
      "3, 0, 33, 1",
      "3, 0, 34, 2",
      "100, 0, 1, 1",
      "10, 0, 0, 0",
      "10, 3, 0, 3",
      "10, 0, 100, 10",
      "10, 7, 50, 7",
      "10, 20, 50, 10",
      "1, 1, 50, 1",
      "1, 0, 50, 1",
      "0, 1, 50, 0",
      "0, 0, 0, 0",
      "2147483647, 0, 100, 2147483647"})
  void floorIsTheLargerOfCountAndRoundedUpRatioCappedAtTheFleet(int managed, int minCount, int ratio, int floor) {
    assertThat(Floor.floor(managed, minCount, ratio)).isEqualTo(floor);
  }

  @Test
  void invalidFloorSettingsAreRejected() {
    assertThatThrownBy(() -> Floor.floor(-1, 1, 50)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Floor.floor(10, -1, 50)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Floor.floor(10, 1, 101)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Floor.floor(10, 1, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
