package io.kubervisor.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Refreshes the view, tells it the operator's new decisions, and notes what the summary needs of them. */
final class Refresher {

  private static final Pattern POD = Pattern.compile(" pod=(\\S+)");

  private final View view;
  private final Timeline timeline;
  private final Dashboard dashboard;
  private final OperatorDecisions decisions;
  private final Clock clock;
  private final Set<String> dryRunPods = ConcurrentHashMap.newKeySet();
  private final AtomicLong fewestInTraffic;

  /** @param pods the fleet's size, the most pods that can be in traffic */
  Refresher(View view, Timeline timeline, Dashboard dashboard, OperatorDecisions decisions, Clock clock, int pods) {
    this.view = view;
    this.timeline = timeline;
    this.dashboard = dashboard;
    this.decisions = decisions;
    this.clock = clock;
    this.fewestInTraffic = new AtomicLong(pods);
  }

  /** A refresh that fails (the API server is slow, say) is reported, and the next one tries again. */
  void refresh() {
    Duration at = Duration.between(timeline.start(), clock.instant());
    try {
      for (OperatorDecisions.Decision decision : decisions.news()) {
        view.event(at, "kubervisor " + decision.text());
        Matcher pod = POD.matcher(decision.text());
        if ("dry-run-break".equals(decision.action()) && pod.find()) {
          dryRunPods.add(pod.group(1));
        }
      }
      Frame frame = dashboard.frame();
      fewestInTraffic.accumulateAndGet(frame.inTraffic(), Math::min);
      view.frame(frame);
    } catch (RuntimeException e) {
      view.event(at, "could not refresh the view: " + e);
    }
  }

  /** The fewest ready endpoints seen at a refresh. */
  int fewestInTraffic() {
    return (int) fewestInTraffic.get();
  }

  /** The pods a DryRun BreakerConfig would have taken out. */
  Set<String> dryRunPods() {
    return Set.copyOf(dryRunPods);
  }
}
