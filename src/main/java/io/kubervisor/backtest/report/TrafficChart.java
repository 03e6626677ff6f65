package io.kubervisor.backtest.report;

import io.kubervisor.backtest.Run;
import io.kubervisor.backtest.Timeline;
import io.kubervisor.backtest.Window;
import io.kubervisor.backtest.report.SvgChart.Point;
import java.time.Instant;
import java.util.List;

/**
 * The pods in traffic against the floor, with the fleet (the pods with series) above them, and shaded where the floor
 * kept anomalous pods in traffic.
 */
final class TrafficChart {

  private static final int HEIGHT = 200;

  private TrafficChart() {}

  static String render(Run run, Window window, Times times) {
    List<Timeline.Frame> frames = run.result().timeline().frames();
    int fleet = frames.stream().mapToInt(frame -> frame.states().size()).max().orElse(0);
    SvgChart chart = new SvgChart(HEIGHT, window.from(), window.to(), 0, fleet, times);
    Instant heldFrom = null;
    int spared = 0;
    for (int i = 0; i < frames.size(); i++) {
      Timeline.Frame frame = frames.get(i);
      if (frame.spared() > 0 && heldFrom == null) {
        heldFrom = frame.time();
      }
      spared = Math.max(spared, frame.spared());
      boolean last = i == frames.size() - 1;
      if (heldFrom != null && (last || frames.get(i + 1).spared() == 0)) {
        Instant end = last ? frame.time() : frames.get(i + 1).time();
        chart.band(heldFrom, end, "held", "from " + times.format(heldFrom) + " to " + times.format(end)
            + ", the floor kept up to " + spared + " anomalous pods in traffic");
        heldFrom = null;
        spared = 0;
      }
    }
    chart.steps(frames.stream().map(f -> new Point(f.time(), (double) f.states().size())).toList(),
        "class=\"fleet\"", "pods with series");
    chart.steps(frames.stream().map(f -> new Point(f.time(), (double) f.floor())).toList(), "class=\"floor\"",
        "the floor");
    chart.steps(frames.stream().map(f -> new Point(f.time(), (double) f.inTraffic())).toList(),
        "class=\"in-traffic\"", "pods in traffic");
    return chart.svg("pods in traffic against the floor");
  }
}
