package io.kubervisor.bench.quality;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One scenario's plot as SVG text: the clients' error rate in each second, one line per policy, the fault phase
 * shaded.
 */
final class ErrorRateChart {

  private static final int WIDTH = 760;
  private static final int HEIGHT = 420;
  private static final int LEFT = 60;
  private static final int RIGHT = 150;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;
  private static final List<String> COLOURS = List.of("#7f7f7f", "#2ca02c", "#1f77b4", "#ff7f0e", "#d62728",
      "#9467bd");

  private ErrorRateChart() {}

  static String render(ScenarioReport scenario) {
    List<RunResult> runs = scenario.runs().stream().filter(run -> run.error() == null).toList();
    double seconds = scenario.durationSeconds();
    double top = Math.max(0.1, runs.stream().flatMap(run -> run.errorRateBySecond().stream())
        .mapToDouble(Double::doubleValue).max().orElse(0));
    double yMax = Math.ceil(top * 10) / 10;
    StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
        + "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n"
        + "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append(text(WIDTH / 2.0, 22, "middle", escape(scenario.name() + ": client error rate per second")));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f3e3e3\"/>%n",
        x(scenario.faultFrom(), seconds), TOP, x(scenario.faultTo(), seconds) - x(scenario.faultFrom(), seconds),
        HEIGHT - TOP - BOTTOM));
    for (int tick = 0; tick <= 5; tick++) {
      double share = yMax * tick / 5;
      svg.append(line(LEFT, y(share, yMax), WIDTH - RIGHT, y(share, yMax), "#ddd"))
          .append(text(LEFT - 6, y(share, yMax) + 4, "end", String.format(Locale.ROOT, "%.0f%%", share * 100)));
    }
    for (int second = 0; second <= seconds; second += 10) {
      svg.append(text(x(second, seconds), HEIGHT - BOTTOM + 16, "middle", second + " s"));
    }
    svg.append(line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#333"))
        .append(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#333"))
        .append(text(LEFT + (WIDTH - LEFT - RIGHT) / 2.0, HEIGHT - 12, "middle", "seconds (fault phase shaded)"));
    for (int i = 0; i < runs.size(); i++) {
      RunResult run = runs.get(i);
      String colour = COLOURS.get(i % COLOURS.size());
      String points = IntStream.range(0, run.errorRateBySecond().size())
          .mapToObj(s -> String.format(Locale.ROOT, "%.1f,%.1f", x(s + 0.5, seconds),
              y(run.errorRateBySecond().get(s), yMax)))
          .collect(Collectors.joining(" "));
      svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
          + "stroke-width=\"1.8\"/>%n", points, colour));
      double legend = TOP + 10 + i * 18;
      svg.append(line(WIDTH - RIGHT + 12, legend, WIDTH - RIGHT + 32, legend, colour))
          .append(text(WIDTH - RIGHT + 38, legend + 4, "start", escape(run.policy())));
    }
    return svg.append("</svg>\n").toString();
  }

  private static double x(double second, double seconds) {
    return LEFT + second / seconds * (WIDTH - LEFT - RIGHT);
  }

  private static double y(double share, double yMax) {
    return HEIGHT - BOTTOM - share / yMax * (HEIGHT - TOP - BOTTOM);
  }

  private static String line(double x1, double y1, double x2, double y2, String colour) {
    return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
        + "stroke-width=\"2\"/>%n", x1, y1, x2, y2, colour);
  }

  private static String text(double x, double y, String anchor, String content) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n", x, y, anchor,
        content);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
