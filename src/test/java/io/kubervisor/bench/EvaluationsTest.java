package io.kubervisor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvaluationsTest {

  @Test
  void countsEvaluationsAndTheBreakerConfigsThatEvaluated() {
    String exposition = """
        # TYPE kubervisor_evaluation_duration_seconds histogram
        kubervisor_evaluation_duration_seconds_bucket{breakerconfig="a",namespace="ns",le="0.005"} 3
        kubervisor_evaluation_duration_seconds_count{breakerconfig="a",namespace="ns"} 3
        kubervisor_evaluation_duration_seconds_sum{breakerconfig="a",namespace="ns"} 0.01
        kubervisor_evaluation_duration_seconds_count{breakerconfig="b",namespace="ns"} 0
        kubervisor_evaluation_duration_seconds_count{breakerconfig="c",namespace="other"} 2.0
        """;
    assertThat(Evaluations.parse(exposition)).isEqualTo(new Evaluations(5, 2));
  }
}
