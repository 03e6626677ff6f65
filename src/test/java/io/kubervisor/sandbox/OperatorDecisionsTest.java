package io.kubervisor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorDecisionsTest {

  private static final String BREAK = "2025-06-01T12:00:03,123 INFO  [Camel thread #4] EjectWithinFloor - action=break"
      + " service=web pod=web-1 breaker=http-errors value=50.0 reason=\"50% of 100 events bad\"";

  @Test
  void readsTheTimeAndTheDecisionOfADecisionLine() {
    OperatorDecisions.Decision decision = OperatorDecisions.parse(BREAK);

    assertThat(decision.time()).isEqualTo("12:00:03");
    assertThat(decision.text()).startsWith("action=break service=web pod=web-1");
    assertThat(decision.action()).isEqualTo("break");
    assertThat(OperatorDecisions.parse("2025-06-01T12:00:03,123 INFO  [main] X - Waiting for BreakerConfigs")).isNull();
    assertThat(OperatorDecisions.parse("reaction=none")).isNull();
  }

  @Test
  void eachDecisionIsSeenOnceAndTheLastIsKept() {
    List<String> log = new ArrayList<>(List.of("starting", BREAK));
    OperatorDecisions decisions = new OperatorDecisions(() -> log);

    assertThat(decisions.news()).hasSize(1);
    assertThat(decisions.news()).isEmpty();
    log.add("2025-06-01T12:00:09,000 INFO  [t] Activate - action=Evicted pod=ns/web-1 message=\"broken 3 times\"");

    assertThat(decisions.news()).extracting(OperatorDecisions.Decision::action).containsExactly("Evicted");
    assertThat(decisions.last()).hasToString("12:00:09 action=Evicted pod=ns/web-1 message=\"broken 3 times\"");
  }
}
