package io.kubervisor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.sandbox.Frame.PodRow;
import io.kubervisor.sandbox.RequestHistory.Totals;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameRendererTest {

  private static final Frame FRAME = new Frame("default", Duration.ofSeconds(75), Duration.ofSeconds(90),
      "web   Enabled   managed 3", new Totals(1000, 50, 20.0), 2, List.of(
          new PodRow(0, "web-a", "yes", false, new Totals(500, 0, 10.0), "healthy"),
          new PodRow(1, "web-b", "no", false, Totals.NONE, "50% errors"),
          new PodRow(null, "web-c", "yes", true, Totals.NONE, "healthy")),
      OperatorDecisions.parse("2025-06-01T12:00:03,123 INFO  [t] C - action=break pod=web-b"), null);

  @Test
  void showsEveryPodWithWhatItServedAndTheLastDecision() {
    List<String> lines = FrameRenderer.lines(FRAME, List.of("+0:15  pods fail"), false);

    assertThat(lines).contains(
        "kubervisor sandbox   scenario default   1:15 of 1:30",
        "Clients         200 req/s, 5.0% errors, 20 ms mean latency   (last 5 s)",
        "#   POD     TRAFFIC   REQ/S   ERRORS   LATENCY   BEHAVIOUR",
        "0   web-a   yes       100     0.0%     20 ms     healthy",
        "1   web-b   no        0       -        -         50% errors",
        "+   web-c   killed    0       -        -         healthy",
        "Last decision   12:00:03 action=break pod=web-b",
        "Next            the end of the scenario",
        "  +0:15  pods fail");
  }

  @Test
  void coloursThePodsOutOfTrafficOnATerminal() {
    List<String> lines = FrameRenderer.lines(FRAME, List.of(), true);

    assertThat(lines).contains("\u001b[31m1   web-b   no        0       -        -         50% errors\u001b[0m");
    assertThat(lines).contains("0   web-a   yes       100     0.0%     20 ms     healthy");
  }

  @Test
  void thePlainViewPrintsEventsAndAProgressLineEveryFiveSeconds() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PlainView view = new PlainView(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
      view.frame(frameAt(0));
      view.frame(frameAt(2));
      view.event(Duration.ofSeconds(3), "pods fail");
      view.frame(frameAt(5));
    }

    assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "+0:00  in traffic 2 of 2   clients 200 req/s, 5.0% errors, 20 ms mean latency   BreakerConfig web   Enabled"
            + "   managed 3",
        "+0:03  pods fail",
        "+0:05  in traffic 2 of 2   clients 200 req/s, 5.0% errors, 20 ms mean latency   BreakerConfig web   Enabled"
            + "   managed 3");
  }

  private static Frame frameAt(int seconds) {
    return new Frame(FRAME.scenario(), Duration.ofSeconds(seconds), FRAME.length(), FRAME.breakerConfig(),
        FRAME.clients(), FRAME.inTraffic(), FRAME.pods(), FRAME.lastDecision(), FRAME.next());
  }
}
