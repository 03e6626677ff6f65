package io.kubervisor.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML report's content; BacktestReportBrowserIT opens it in Chromium. */
class HtmlReportTest {

  @Test
  void oneSelfContainedPageWithAChartPerBreakerTheFloorChartAndThePodsLanes() {
    String html = HtmlReport.render(Reports.single(Reports.LATENCY + "\n" + Reports.EXTERNAL));

    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    assertThat(html).doesNotContain("<script", "src=", "@import", "url(");
    assertThat(html).as("nothing fetched: the only link is the empty icon").containsOnlyOnce("href=")
        .contains("<link rel=\"icon\" href=\"data:,\">");
    assertThat(count(html, "<svg class=\"chart\"")).as("in traffic, errors, latency").isEqualTo(3);
    assertThat(count(html, "<svg class=\"lanes\"")).isEqualTo(1);
    assertThat(html).contains("<h3>Breaker errors: share of bad events (%) per pod</h3>",
        "<h3>Breaker latency: value per pod</h3>", "Not replayable: remote: an external detector",
        "keep their real metrics");
    assertThat(html).doesNotContain("<h3>Breaker remote");
  }

  @Test
  void theThresholdIsDrawnAndEachDecisionMarkedWithItsReason() {
    String html = HtmlReport.render(Reports.single(""));

    assertThat(html).contains("<title>tolerancePercent 10%</title>");
    assertThat(count(html, "<circle class=\"break\"")).as("the two ejections").isEqualTo(2);
    assertThat(count(html, "<path class=\"restore\"")).as("the two restores").isEqualTo(2);
    assertThat(html).contains("<title>10:01:00Z web-2: break (50% of 100 events bad (code 500), above tolerance"
        + " 10%)</title>");
    assertThat(count(html, "<rect class=\"state out\"")).isEqualTo(2);
  }

  @Test
  void theFloorChartIsShadedWhereTheFloorKeptAnomalousPodsIn() {
    String html = HtmlReport.render(Reports.wholeFleetBad());

    assertThat(html).contains("<rect class=\"held\"", "the floor kept up to 2 anomalous pods in traffic");
  }

  @Test
  void aComparisonListsTheDecisionsOnlyInEach() {
    String html = HtmlReport.render(Reports.compared());

    assertThat(html).contains("<h2>Differences</h2>", "4 decisions only in A, 0 only in B",
        "<h2>A: shop/web (strict.yaml)</h2>", "<h2>B: shop/web (tolerant.yaml)</h2>", "<th>only in</th>");
  }

  private static int count(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
