package io.kubervisor.backtest.report;

import io.kubervisor.backtest.Run;
import io.kubervisor.backtest.Timeline;
import io.kubervisor.backtest.Timeline.PodState;
import io.kubervisor.backtest.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Each pod's state over the window, a lane per pod: in traffic, out, paused or killed; nothing without a series. */
final class PodLanes {

  private static final int LANE = 18;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int LABEL = 150;

  private PodLanes() {}

  static String render(Run run, Window window, Times times) {
    Set<String> pods = run.summary().pods();
    List<Timeline.Frame> frames = run.result().timeline().frames();
    int height = pods.size() * LANE + 24;
    double span = Math.max(1, Duration.between(window.from(), window.to()).toMillis());
    int plot = SvgChart.WIDTH - LEFT - RIGHT - LABEL;
    StringBuilder svg = new StringBuilder("<svg class=\"lanes\" viewBox=\"0 0 " + SvgChart.WIDTH + " " + height
        + "\" role=\"img\" aria-label=\"each pod's state over time\">");
    int lane = 0;
    for (String pod : pods) {
      double y = lane * LANE + 4;
      svg.append("<text class=\"label\" x=\"").append(LEFT + LABEL - 8).append("\" y=\"").append(Html.number(y + 11))
          .append("\" text-anchor=\"end\">").append(Html.escape(pod)).append("</text>");
      PodState state = null;
      Instant start = null;
      for (int i = 0; i <= frames.size(); i++) {
        PodState here = i < frames.size() ? frames.get(i).states().get(pod) : null;
        Instant now = i < frames.size() ? frames.get(i).time() : frames.get(frames.size() - 1).time();
        if (here == state) {
          continue;
        }
        if (state != null) {
          double x = LEFT + LABEL + Duration.between(window.from(), start).toMillis() / span * plot;
          double width = Math.max(1, Duration.between(start, now).toMillis() / span * plot);
          svg.append("<rect class=\"state ").append(state.name().toLowerCase(Locale.ROOT).replace('_', '-'))
              .append("\" x=\"").append(Html.number(x)).append("\" y=\"").append(Html.number(y)).append("\" width=\"")
              .append(Html.number(width)).append("\" height=\"").append(LANE - 4).append("\"><title>")
              .append(Html.escape(pod + ": " + name(state) + " from " + times.format(start) + " to "
                  + times.format(now)))
              .append("</title></rect>");
        }
        state = here;
        start = now;
      }
      lane++;
    }
    svg.append("<text class=\"label\" x=\"").append(LEFT + LABEL).append("\" y=\"").append(height - 4)
        .append("\">").append(times.format(window.from())).append("</text><text class=\"label\" x=\"")
        .append(SvgChart.WIDTH - RIGHT).append("\" y=\"").append(height - 4).append("\" text-anchor=\"end\">")
        .append(times.format(window.to())).append("</text></svg>");
    return svg.toString();
  }

  static String name(PodState state) {
    return switch (state) {
      case IN_TRAFFIC -> "in traffic";
      case OUT -> "out of traffic";
      case PAUSED -> "paused";
      case KILLED -> "killed";
    };
  }
}
