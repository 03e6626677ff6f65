package io.kubervisor.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a replay came to, for a user tuning a BreakerConfig: how many pods each kind of decision moved, how low the
 * pods in traffic went, how often the floor kept anomalous pods in, and when the breakers had no data.
 *
 * @param ejections breaks, by pod
 * @param fewest the fewest pods in traffic, or null when no pod ever had a series
 * @param heldBack instants at which the floor kept at least one anomalous pod in traffic
 * @param spared anomalous pods kept in traffic, summed over those instants
 * @param pods every pod that had a series in the window
 */
public record Summary(Map<String, Integer> ejections, int restores, int pauses, int kills, Fewest fewest, int heldBack,
    int spared, List<NoData> noData, Set<String> pods) {

  /**
   * The fewest pods in traffic.
   *
   * @param fleet the pods with series then
   * @param at the first instant it came to that
   * @param lasted how long it stayed there in all
   */
  public record Fewest(int inTraffic, int fleet, int floor, Instant at, Duration lasted) {}

  /** Evaluations of a breaker without data for some pods, from the first to the last of a run. */
  public record NoData(String breaker, List<String> pods, Instant from, Instant to, int evaluations) {}

  public int totalEjections() {
    return ejections.values().stream().mapToInt(Integer::intValue).sum();
  }

  static Summary of(Replay.Result result) {
    Map<String, Integer> ejections = new TreeMap<>();
    Map<String, Integer> actions = new HashMap<>();
    for (Decision decision : result.decisions()) {
      actions.merge(decision.action(), 1, Integer::sum);
      if (decision.action().equals("break")) {
        ejections.merge(decision.pod(), 1, Integer::sum);
      }
    }
    int heldBack = 0;
    int spared = 0;
    Set<String> pods = new TreeSet<>();
    for (Timeline.Frame frame : result.timeline().frames()) {
      pods.addAll(frame.states().keySet());
      if (frame.spared() > 0) {
        heldBack++;
        spared += frame.spared();
      }
    }
    return new Summary(ejections, actions.getOrDefault("restore", 0), actions.getOrDefault("pause", 0),
        actions.getOrDefault("kill", 0), fewest(result.timeline()), heldBack, spared, noData(result.timeline()), pods);
  }

  /** The fewest pods in traffic while any pod had a series, and how long it stayed that low, to the next instant. */
  private static Fewest fewest(Timeline timeline) {
    List<Timeline.Frame> frames = timeline.frames().stream().filter(frame -> !frame.states().isEmpty()).toList();
    if (frames.isEmpty()) {
      return null;
    }
    int least = frames.stream().mapToInt(Timeline.Frame::inTraffic).min().orElseThrow();
    Timeline.Frame first = frames.stream().filter(frame -> frame.inTraffic() == least).findFirst().orElseThrow();
    Duration lasted = Duration.ZERO;
    for (int i = 0; i + 1 < frames.size(); i++) {
      if (frames.get(i).inTraffic() == least) {
        lasted = lasted.plus(Duration.between(frames.get(i).time(), frames.get(i + 1).time()));
      }
    }
    return new Fewest(least, first.states().size(), first.floor(), first.time(), lasted);
  }

  /** Each breaker's runs of evaluations without data for a pod; pods with the same runs together. */
  private static List<NoData> noData(Timeline timeline) {
    Map<String, Gap> open = new HashMap<>();
    List<Gap> gaps = new ArrayList<>();
    for (Timeline.Frame frame : timeline.frames()) {
      Set<String> without = Set.copyOf(frame.noData());
      // A gap of a breaker evaluated now ends when its pod had data.
      open.values().removeIf(gap -> {
        boolean ends = frame.values().containsKey(gap.breaker) && !without.contains(gap.key());
        if (ends) {
          gaps.add(gap);
        }
        return ends;
      });
      for (String key : without) {
        int slash = key.indexOf('/');
        open.computeIfAbsent(key, k -> new Gap(key.substring(0, slash), key.substring(slash + 1), frame.time()))
            .extend(frame.time());
      }
    }
    gaps.addAll(open.values());
    Map<List<Object>, NoData> merged = new LinkedHashMap<>();
    gaps.stream().sorted(Comparator.comparing((Gap gap) -> gap.from).thenComparing(gap -> gap.breaker)
        .thenComparing(gap -> gap.pod)).forEach(gap -> merged.merge(List.of(gap.breaker, gap.from, gap.to),
            new NoData(gap.breaker, List.of(gap.pod), gap.from, gap.to, gap.evaluations),
            (a, b) -> new NoData(a.breaker(), Stream.concat(a.pods().stream(), b.pods().stream()).toList(), a.from(),
                a.to(), a.evaluations())));
    return List.copyOf(merged.values());
  }

  /** Consecutive evaluations of a breaker without data for a pod. */
  private static final class Gap {
    final String breaker;
    final String pod;
    final Instant from;
    Instant to;
    int evaluations;

    Gap(String breaker, String pod, Instant from) {
      this.breaker = breaker;
      this.pod = pod;
      this.from = from;
    }

    String key() {
      return breaker + "/" + pod;
    }

    void extend(Instant time) {
      to = time;
      evaluations++;
    }
  }
}
