package io.kubervisor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** deploy/grafana/kubervisor.json queries only what the operator exports, and is a well-formed Grafana dashboard. */
public class GrafanaDashboardTest {

  static final Path DASHBOARD = Path.of("deploy/grafana/kubervisor.json");

  /**
   * What the operator exports (docs/metrics.md), histograms as Prometheus exposes them; ObservabilityIT checks each
   * against a real scrape of the operator.
   */
  public static final Set<String> EXPORTED = Set.of(
      "kubervisor_managed_pods",
      "kubervisor_pods",
      "kubervisor_decisions_total",
      "kubervisor_detector_request_duration_seconds_bucket",
      "kubervisor_detector_request_duration_seconds_count",
      "kubervisor_detector_request_duration_seconds_sum",
      "kubervisor_detector_errors_total",
      "kubervisor_evaluation_duration_seconds_bucket",
      "kubervisor_evaluation_duration_seconds_count",
      "kubervisor_evaluation_duration_seconds_sum",
      "kubervisor_leader");

  @Test
  void theChartShipsTheSameDashboard() throws IOException {
    // Helm cannot read files outside the chart, so the chart keeps a copy: cp deploy/grafana/kubervisor.json
    // deploy/helm/kubervisor/dashboards/
    assertThat(Files.readString(Path.of("deploy/helm/kubervisor/dashboards/kubervisor.json")))
        .isEqualTo(Files.readString(DASHBOARD));
  }

  @Test
  void queriesOnlyExportedMetrics() {
    assertThat(GrafanaDashboard.metricNames(DASHBOARD)).isNotEmpty().isSubsetOf(EXPORTED);
  }

  @Test
  void showsEveryMetricFamily() {
    assertThat(GrafanaDashboard.metricNames(DASHBOARD)).contains(
        "kubervisor_managed_pods", "kubervisor_pods", "kubervisor_decisions_total",
        "kubervisor_detector_request_duration_seconds_bucket", "kubervisor_detector_errors_total",
        "kubervisor_evaluation_duration_seconds_bucket", "kubervisor_leader");
  }

  @Test
  void everyPanelQueriesTheChosenDatasourceAndTheChosenBreakerConfigs() throws IOException {
    JsonNode root = new ObjectMapper().readTree(DASHBOARD.toFile());
    List<JsonNode> targets = new ArrayList<>();
    root.path("panels").forEach(panel -> panel.path("targets").forEach(targets::add));
    assertThat(targets).isNotEmpty().allSatisfy(target -> {
      assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      String expr = target.path("expr").asText();
      // kubervisor_leader has neither label: it describes a replica, not a BreakerConfig.
      if (!expr.contains("kubervisor_leader")) {
        assertThat(expr).contains("namespace=~\"$namespace\"", "breakerconfig=~\"$breakerconfig\"");
      }
    });
  }

  @Test
  void hasTheTemplateVariables() throws IOException {
    JsonNode variables = new ObjectMapper().readTree(DASHBOARD.toFile()).path("templating").path("list");
    assertThat(variables).extracting(v -> v.path("name").asText() + ":" + v.path("type").asText())
        .containsExactly("datasource:datasource", "namespace:query", "breakerconfig:query");
    assertThat(variables.get(0).path("query").asText()).isEqualTo("prometheus");
  }

  @Test
  void panelIdsAreUnique() throws IOException {
    List<Integer> ids = new ArrayList<>();
    new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels").forEach(p -> ids.add(p.path("id").asInt()));
    assertThat(ids).doesNotHaveDuplicates().doesNotContain(0);
  }

  @Test
  void extractsMetricNamesAsWritten() {
    assertThat(GrafanaDashboard.metricNames("histogram_quantile(0.95, sum by (breaker, le) "
        + "(rate(kubervisor_evaluation_duration_seconds_bucket{namespace=~\"$namespace\", state!=\"a{b}\"}"
        + "[$__rate_interval])))"))
        .containsExactly("kubervisor_evaluation_duration_seconds_bucket");
    assertThat(GrafanaDashboard.metricNames("sum(rate(a_total[5m] offset 1h)) by (pod) / on (pod) group_left (x) "
        + "max without (le) (b:recorded) > bool 0 and ${var} unless c"))
        .containsExactly("a_total", "b:recorded", "c");
    assertThat(GrafanaDashboard.metricNames("60 * sum by (action) (rate(x[1m:10s]))")).containsExactly("x");
  }

  @Test
  void templateQueriesYieldTheirMetricNotTheirLabel() {
    assertThat(GrafanaDashboard.metricNames(Path.of("src/test/resources/grafana/label-values.json")))
        .containsExactly("kubervisor_managed_pods", "up");
  }
}
