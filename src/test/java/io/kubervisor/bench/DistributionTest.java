package io.kubervisor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DistributionTest {

  @Test
  void takesPercentilesByNearestRank() {
    Distribution hundred = Distribution.of(IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList());
    assertThat(hundred).isEqualTo(new Distribution(100, 50.0, 99.0, 100.0));
  }

  @Test
  void theP99OfFewerThanAHundredIsTheMaximum() {
    assertThat(Distribution.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Distribution(3, 2.0, 3.0, 3.0));
  }

  @Test
  void hasNoPercentilesOfNothing() {
    assertThat(Distribution.of(List.of())).isEqualTo(new Distribution(0, null, null, null));
  }
}
