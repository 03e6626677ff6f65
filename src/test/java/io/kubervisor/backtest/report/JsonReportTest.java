package io.kubervisor.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyDecisionWithItsTimePodBreakerValueThresholdAndReasonAndTheSummary() throws Exception {
    JsonNode report = JSON.readTree(JsonReport.render(Reports.single(Reports.EXTERNAL)));

    assertThat(report.path("from").asText()).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(report.path("breakerConfig").asText()).isEqualTo("shop/web");
    assertThat(report.path("step").asText()).isEqualTo("10s");
    assertThat(report.path("instants").asInt()).isEqualTo(25);
    assertThat(report.path("tookSeconds").asDouble()).isEqualTo(1.234);
    assertThat(report.path("notReplayable").get(0).asText()).startsWith("remote: an external detector");
    JsonNode first = report.path("decisions").get(0);
    assertThat(first.path("time").asText()).isEqualTo("2026-12-01T10:01:00Z");
    assertThat(first.path("pod").asText()).isEqualTo("web-2");
    assertThat(first.path("breaker").asText()).isEqualTo("errors");
    assertThat(first.path("action").asText()).isEqualTo("break");
    assertThat(first.path("value").isNumber()).isTrue();
    assertThat(first.path("value").asDouble()).isEqualTo(50);
    assertThat(first.path("threshold").asText()).isEqualTo("tolerancePercent=10");
    assertThat(first.path("reason").asText()).startsWith("50% of 100 events bad");
    assertThat(report.path("decisions").get(1).path("value").isNull()).isTrue();
    assertThat(report.path("decisions")).hasSize(4);
    JsonNode summary = report.path("summary");
    assertThat(summary.path("ejections").asInt()).isEqualTo(2);
    assertThat(summary.path("ejectionsByPod").path("web-2").asInt()).isEqualTo(2);
    assertThat(summary.path("restores").asInt()).isEqualTo(2);
    assertThat(summary.path("fewestInTraffic").path("pods").asInt()).isEqualTo(3);
    assertThat(summary.path("fewestInTraffic").path("firstAt").asText()).isEqualTo("2026-12-01T10:01:00Z");
    assertThat(summary.path("floorHeldPodsIn").path("instants").asInt()).isZero();
    assertThat(report.path("note").asText()).contains("keep their real metrics");
  }

  @Test
  void aComparisonHasBothRunsAndTheDecisionsOnlyInEach() throws Exception {
    JsonNode report = JSON.readTree(JsonReport.render(Reports.compared()));

    assertThat(report.path("a").path("source").asText()).isEqualTo("strict.yaml");
    assertThat(report.path("b").path("source").asText()).isEqualTo("tolerant.yaml");
    assertThat(report.path("a").path("decisions")).hasSize(4);
    assertThat(report.path("b").path("decisions")).isEmpty();
    assertThat(report.path("onlyInA")).hasSize(4);
    assertThat(report.path("onlyInB")).isEmpty();
    assertThat(report.path("b").path("summary").path("fewestInTraffic").path("pods").asInt()).isEqualTo(4);
  }
}
