package io.kubervisor.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsecutiveCrossingsTest {

  private final ConsecutiveCrossings crossings = new ConsecutiveCrossings();

  private static Verdict bad(String pod) {
    return new Verdict(pod, 0.5, true, "value 0.5 is above 0.1", 4);
  }

  private static Verdict good(String pod) {
    return new Verdict(pod, 0.0, false, "value 0 is not above 0.1", 0);
  }

  @Test
  void aPodCountsAsAnomalousOnlyAtItsThirdAnomalousEvaluationInARow() {
    assertThat(crossings.apply(List.of(bad("a")), 3, Set.of())).singleElement().satisfies(verdict -> {
      assertThat(verdict.anomalous()).isFalse();
      assertThat(verdict.reason()).endsWith("(1 of 3 consecutive evaluations)");
    });
    assertThat(crossings.apply(List.of(bad("a")), 3, Set.of()).get(0).anomalous()).isFalse();
    assertThat(crossings.apply(List.of(bad("a")), 3, Set.of())).singleElement().satisfies(verdict -> {
      assertThat(verdict.anomalous()).isTrue();
      assertThat(verdict.reason()).endsWith("for 3 consecutive evaluations");
    });
  }

  @Test
  void oneHealthyEvaluationStartsTheStreakAgain() {
    crossings.apply(List.of(bad("a")), 2, Set.of());
    crossings.apply(List.of(good("a")), 2, Set.of());

    assertThat(crossings.apply(List.of(bad("a")), 2, Set.of()).get(0).anomalous()).isFalse();
  }

  @Test
  void aPodBackOnARetryAfterThisBreakerBrokeItNeedsNoStreak() {
    assertThat(crossings.apply(List.of(bad("a"), bad("b")), 3, Set.of("a")))
        .extracting(Verdict::pod, Verdict::anomalous)
        .containsExactly(tuple("a", true), tuple("b", false));
  }
}
