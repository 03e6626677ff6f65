package io.kubervisor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The alerting rules docs/operations.md recommends query only what the operator exports. */
class AlertRulesTest {

  private static final Pattern RULES_BLOCK = Pattern.compile("^```yaml\\n(groups:.*?)^```",
      Pattern.MULTILINE | Pattern.DOTALL);

  @Test
  void alertsUseOnlyExportedMetrics() throws IOException {
    Matcher block = RULES_BLOCK.matcher(Files.readString(Path.of("docs/operations.md")));
    assertThat(block.find()).as("a ```yaml block of rule groups in docs/operations.md").isTrue();
    List<String> exprs = new ArrayList<>();
    for (JsonNode group : new ObjectMapper(new YAMLFactory()).readTree(block.group(1)).path("groups")) {
      group.path("rules").forEach(rule -> exprs.add(rule.path("expr").asText()));
    }
    assertThat(exprs).hasSizeGreaterThan(5).allSatisfy(expr ->
        assertThat(GrafanaDashboard.metricNames(expr)).isNotEmpty().isSubsetOf(GrafanaDashboardTest.EXPORTED));
  }
}
