package io.kubervisor.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextReportTest {

  @Test
  void aRunIsASummaryThenATimelinePerPodThenItsDecisionsAndTheWhatIfNote() {
    String text = TextReport.render(Reports.single(Reports.EXTERNAL), 80);

    assertThat(text).startsWith("Backtest of BreakerConfig shop/web from 2026-12-01 10:00:00Z to 2026-12-01"
        + " 10:04:00Z (4m)\n  breaker errors of shop/web: Prometheus at http://prometheus.monitoring.svc:9090"
        + " through the API server's service proxy\n");
    assertThat(text).contains(
        "Not replayable: remote: an external detector cannot be asked about the past; not replayed",
        "Every 10s: 25 instants",
        "  ejections            2: web-2 2\n  restores             2\n  pauses               0\n"
            + "  kills                0\n  fewest in traffic    3 of 4 pods (floor 2), first at 10:01:00Z, 1m in all\n"
            + "  floor held pods in   never\n  no data              none\n",
        "Timeline (UTC; a column is 10s): = in traffic  o out  P paused  X killed  (blank) no series\n"
            + "  web-1  =========================\n"
            + "  web-2  ======ooo=ooo============\n",
        "  TIME        POD     BREAKER   ACTION    VALUE   THRESHOLD             REASON",
        "  10:01:00Z   web-2   errors    break     50      tolerancePercent=10   50% of 100 events bad (code 500)",
        "  10:01:30Z   web-2   errors    restore   -       -                     activator periodic");
    assertThat(text).endsWith("\nPods the replay took out keep their real metrics: this is a what-if on the traffic"
        + " that was, not a prediction.\n");
  }

  @Test
  void theTimelineFitsTheTerminalAndShowsTheWorstStateOfEachColumn() {
    List<String> lines = TextReport.render(Reports.single(""), 30).lines()
        .filter(line -> line.startsWith("  web-")).toList();

    assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(30));
    assertThat(lines.get(1)).as("a column of several instants is out when the pod was out in any")
        .matches("  web-2  =+o+=+o+=+");
  }

  @Test
  void aComparisonShowsBothRunsThenTheDecisionsOnlyInEachSideBySide() {
    String text = TextReport.render(Reports.compared(), 100);

    assertThat(text).startsWith("Backtest of A: shop/web (strict.yaml) and B: shop/web (tolerant.yaml), on the same"
        + " history, from");
    assertThat(text).contains("\nA: shop/web (strict.yaml)\n", "\nB: shop/web (tolerant.yaml)\n",
        "Differences: 4 decisions only in A, 0 only in B\n",
        "  TIME        POD     ONLY IN A                                   ONLY IN B\n"
            + "  10:01:00Z   web-2   break by errors (50, tolerancePercent=10)   -\n"
            + "  10:01:30Z   web-2   restore by errors                           -\n",
        "Fewest in traffic: A 3 of 4 at 10:01:00Z; B 4 of 4 at 10:00:00Z");
    assertThat(text).doesNotContain("Decisions");
  }
}
