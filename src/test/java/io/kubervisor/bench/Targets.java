package io.kubervisor.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The targets of the scale issue, judged on a run's sizes. Targets stated "at 10,000 pods" are judged there; when
 * that size did not run, on the largest that did (heap: projected to 10,000 from its slope), and the verdict says so.
 */
final class Targets {

  static final int TARGET_PODS = 10_000;
  static final double HEAP_BYTES = 256 * Format.MIB;
  static final double HEAP_PER_POD_BYTES = 1.5 * 1024;
  static final double CPU_CORES = 0.2;
  static final int THREADS = 80;
  /** Threads "constant in the number of BreakerConfigs": the sizes' counts within this of each other. */
  static final int THREAD_SPREAD = 5;
  /** "Exactly breakers ÷ period", give or take what the window's edges cut. */
  static final double QUERY_TOLERANCE = 0.05;
  static final double EJECTION_SECONDS = BenchBreakerConfig.PERIOD.toSeconds() + 2;
  static final double STARTUP_SECONDS = 5;
  /** "Flat": the largest size's cost within this ratio of the smallest's. */
  static final double FLAT_RATIO = 1.25;
  /** The status heartbeat: one write per BreakerConfig per 5 minutes. */
  static final double HEARTBEATS_PER_MINUTE_PER_BREAKER_CONFIG = 1 / 5.0;

  private Targets() {}

  static List<TargetLine> judge(List<SizeResult> sizes) {
    return List.of(heap(sizes), heapPerPod(sizes), cpu(sizes), threads(sizes), lists(sizes), writes(sizes),
        queries(sizes), ejection(sizes), startup(sizes), flatCpuPerEvaluation(sizes), flatHeapPerPod(sizes));
  }

  private static TargetLine heap(List<SizeResult> sizes) {
    String target = "heap after full GC ≤ 256 MiB at 10,000 pods";
    List<SizeResult> measured = measured(sizes, SizeResult::heapAfterGc);
    if (measured.isEmpty()) {
      return notMeasured(target);
    }
    String values = perSize(measured, size -> Format.mib(size.heapAfterGc().usedBytes()));
    SizeResult largest = largest(measured);
    if (largest.pods() == TARGET_PODS) {
      return atMost(target, values, largest.heapAfterGc().usedBytes(), HEAP_BYTES, Format::mib, "");
    }
    if (measured.size() < 2) {
      return new TargetLine(target, values, null, "10,000 pods not run; two sizes would project it");
    }
    double projected = Line.fit(measured, size -> (double) size.heapAfterGc().usedBytes()).at(TARGET_PODS);
    return atMost(target, values + "; projected at 10,000: " + Format.mib(projected), projected, HEAP_BYTES,
        Format::mib, "projected: ");
  }

  private static TargetLine heapPerPod(List<SizeResult> sizes) {
    String target = "heap ≤ 1.5 KiB per additional cached pod";
    List<SizeResult> measured = measured(sizes, SizeResult::heapAfterGc);
    if (measured.size() < 2) {
      return new TargetLine(target, Format.NONE, null, "needs two sizes");
    }
    double slope = Line.fit(measured, size -> (double) size.heapAfterGc().usedBytes()).slope();
    // With the BreakerConfigs fixed, the slope is the cached pods' alone; else it also carries the Services and
    // BreakerConfigs that grow with them.
    boolean fixedConfigs = measured.stream().map(SizeResult::breakerConfigs).distinct().count() == 1;
    return atMost(target, kib(slope) + " per pod (slope over " + measured.size() + " sizes, " + (fixedConfigs
        ? measured.get(0).breakerConfigs() + " BreakerConfigs at each" : "one BreakerConfig per 20 pods") + ")",
        slope, HEAP_PER_POD_BYTES, Targets::kib, "");
  }

  private static TargetLine cpu(List<SizeResult> sizes) {
    return atMostAtEverySize("CPU at steady state ≤ 0.2 core mean", measured(sizes, SizeResult::window),
        size -> size.window().cpuCores(), CPU_CORES, value -> Format.decimal(value, 2) + " core");
  }

  private static TargetLine threads(List<SizeResult> sizes) {
    String target = "threads constant in the number of BreakerConfigs, ≤ 80 at any size";
    List<SizeResult> measured = measured(sizes, SizeResult::window);
    if (measured.isEmpty()) {
      return notMeasured(target);
    }
    String values = perSize(measured, size -> String.valueOf(size.window().threadsMax()));
    int most = measured.stream().mapToInt(size -> size.window().threadsMax()).max().orElseThrow();
    int fewest = measured.stream().mapToInt(size -> size.window().threadsMax()).min().orElseThrow();
    List<String> misses = new ArrayList<>();
    if (most > THREADS) {
      misses.add("missed by " + (most - THREADS) + " threads");
    }
    if (most - fewest > THREAD_SPREAD) {
      misses.add("grows by " + (most - fewest) + " threads from the smallest size to the largest (constant: ≤ "
          + THREAD_SPREAD + ")");
    }
    return new TargetLine(target, values, misses.isEmpty(), misses.isEmpty() ? "met" : String.join("; ", misses));
  }

  private static TargetLine lists(List<SizeResult> sizes) {
    String target = "LIST calls per evaluation: 0";
    List<SizeResult> measured = measured(sizes, SizeResult::apiInWindow).stream()
        .filter(size -> size.window() != null).toList();
    if (measured.isEmpty()) {
      return notMeasured(target);
    }
    long lists = measured.stream().mapToLong(size -> size.apiInWindow().lists()).sum();
    double evaluations = measured.stream().mapToDouble(size -> size.window().evaluations()).sum();
    String values = perSize(measured, size -> size.apiInWindow().lists() + " LIST in "
        + Format.count(Math.round(size.window().evaluations())) + " evaluations");
    return new TargetLine(target, values, lists == 0, lists == 0 ? "met"
        : "missed by " + Format.decimal(lists / evaluations, 4) + " LIST per evaluation");
  }

  private static TargetLine writes(List<SizeResult> sizes) {
    String target = "API writes with no fault: only Lease renewals and the status heartbeat (≤ 1 per BreakerConfig"
        + " per 5 min)";
    List<SizeResult> measured = measured(sizes, SizeResult::apiInWindow);
    if (measured.isEmpty()) {
      return notMeasured(target);
    }
    String values = perSize(measured, size -> String.format(Locale.ROOT,
        "%d status and %d other writes in %.0f s (+%d Lease)", size.apiInWindow().statusWrites(),
        size.apiInWindow().actionWrites(), size.apiInWindow().seconds(), size.apiInWindow().leaseWrites()));
    List<String> misses = new ArrayList<>();
    for (SizeResult size : measured) {
      ApiCalls calls = size.apiInWindow();
      double statusPerMinute = calls.statusWrites() * 60 / calls.seconds();
      double budget = size.breakerConfigs() * HEARTBEATS_PER_MINUTE_PER_BREAKER_CONFIG;
      if (calls.actionWrites() > 0) {
        misses.add(Format.count(size.pods()) + " pods: " + calls.actionWrites() + " writes besides status and Lease");
      }
      if (statusPerMinute > budget) {
        misses.add(String.format(Locale.ROOT, "%s pods: status written %.1f/min, over the heartbeat's %.1f/min",
            Format.count(size.pods()), statusPerMinute, budget));
      }
    }
    return new TargetLine(target, values, misses.isEmpty(), misses.isEmpty() ? "met"
        : "missed: " + String.join("; ", misses));
  }

  private static TargetLine queries(List<SizeResult> sizes) {
    String target = "Prometheus queries exactly breakers ÷ period (± " + Math.round(QUERY_TOLERANCE * 100) + " %)";
    List<SizeResult> measured = measured(sizes, SizeResult::window);
    if (measured.isEmpty()) {
      return notMeasured(target);
    }
    String values = perSize(measured, size -> String.format(Locale.ROOT, "%.2f/s of %.2f/s",
        size.window().prometheusQueriesPerSecond(), size.expectedQueriesPerSecond()));
    List<String> misses = measured.stream()
        .filter(size -> Math.abs(deviation(size)) > QUERY_TOLERANCE)
        .map(size -> String.format(Locale.ROOT, "%s pods: %+.0f %%", Format.count(size.pods()), deviation(size) * 100))
        .toList();
    return new TargetLine(target, values, misses.isEmpty(), misses.isEmpty() ? "met"
        : "missed: " + String.join("; ", misses));
  }

  private static TargetLine ejection(List<SizeResult> sizes) {
    String target = "fault visible in Prometheus → pod out of the EndpointSlice: p99 ≤ evaluationPeriod + 2 s ("
        + Math.round(EJECTION_SECONDS) + " s) at 10,000 pods";
    List<SizeResult> measured = measured(sizes, SizeResult::faults).stream()
        .filter(size -> size.faults().injected() > 0).toList();
    if (measured.isEmpty()) {
      return notMeasured(target);
    }
    String values = perSize(measured, size -> "p99 " + Format.seconds(size.faults().outOfSlice().p99()) + " ("
        + size.faults().outOfSlice().count() + " of " + size.faults().injected() + " out)");
    SizeResult judged = largest(measured);
    Faults faults = judged.faults();
    if (faults.outOfSlice().count() < faults.injected()) {
      return new TargetLine(target, values, false, atSize(judged) + "missed: "
          + (faults.injected() - faults.outOfSlice().count()) + " of " + faults.injected()
          + " bad pods still in the EndpointSlice at the deadline");
    }
    return atMost(target, values, faults.outOfSlice().p99(), EJECTION_SECONDS, Format::seconds, atSize(judged));
  }

  private static TargetLine startup(List<SizeResult> sizes) {
    String target = "start of the JVM → first evaluation ≤ 5 s at 10,000 pods";
    List<SizeResult> measured = measured(sizes, SizeResult::startup);
    if (measured.isEmpty()) {
      return notMeasured(target);
    }
    String values = perSize(measured, size -> Format.seconds(size.startup().firstEvaluationSeconds())
        + " (all: " + Format.seconds(size.startup().allEvaluatedSeconds()) + ")");
    SizeResult judged = largest(measured);
    return atMost(target, values, judged.startup().firstEvaluationSeconds(), STARTUP_SECONDS, Format::seconds,
        atSize(judged));
  }

  private static TargetLine flatCpuPerEvaluation(List<SizeResult> sizes) {
    String target = "CPU per evaluation flat across sizes (largest ≤ " + FLAT_RATIO + " × smallest)";
    List<SizeResult> measured = measured(sizes, SizeResult::window).stream()
        .filter(size -> size.window().cpuMillisPerEvaluation() != null).toList();
    if (measured.size() < 2) {
      return new TargetLine(target, Format.NONE, null, "needs two sizes");
    }
    String values = perSize(measured, size -> Format.decimal(size.window().cpuMillisPerEvaluation(), 2) + " ms");
    double ratio = largest(measured).window().cpuMillisPerEvaluation()
        / measured.get(0).window().cpuMillisPerEvaluation();
    return atMost(target, values + String.format(Locale.ROOT, "; ratio %.2f", ratio), ratio, FLAT_RATIO,
        value -> String.format(Locale.ROOT, "%.2f", value), "");
  }

  private static TargetLine flatHeapPerPod(List<SizeResult> sizes) {
    String target = "heap per additional pod flat across sizes (last step ≤ " + FLAT_RATIO + " × first step)";
    List<SizeResult> measured = measured(sizes, SizeResult::heapAfterGc);
    if (measured.size() < 3) {
      return new TargetLine(target, Format.NONE, null, "needs three sizes");
    }
    List<Double> steps = new ArrayList<>();
    for (int i = 1; i < measured.size(); i++) {
      SizeResult before = measured.get(i - 1);
      SizeResult after = measured.get(i);
      steps.add((after.heapAfterGc().usedBytes() - before.heapAfterGc().usedBytes())
          / (double) (after.pods() - before.pods()));
    }
    String values = steps.stream().map(Targets::kib).collect(Collectors.joining(", ")) + " per pod, step by step";
    double ratio = steps.get(steps.size() - 1) / steps.get(0);
    return atMost(target, values + String.format(Locale.ROOT, "; ratio %.2f", ratio), ratio, FLAT_RATIO,
        value -> String.format(Locale.ROOT, "%.2f", value), "");
  }

  private static double deviation(SizeResult size) {
    return size.window().prometheusQueriesPerSecond() / size.expectedQueriesPerSecond() - 1;
  }

  private static TargetLine atMostAtEverySize(String target, List<SizeResult> measured,
      Function<SizeResult, Double> value, double limit, Function<Double, String> format) {
    if (measured.isEmpty()) {
      return notMeasured(target);
    }
    String values = perSize(measured, size -> format.apply(value.apply(size)));
    List<String> misses = measured.stream()
        .filter(size -> value.apply(size) > limit)
        .map(size -> Format.count(size.pods()) + " pods by " + format.apply(value.apply(size) - limit))
        .toList();
    return new TargetLine(target, values, misses.isEmpty(), misses.isEmpty() ? "met"
        : "missed at " + String.join("; ", misses));
  }

  private static TargetLine atMost(String target, String measured, double value, double limit,
      Function<Double, String> format, String prefix) {
    if (value <= limit) {
      return new TargetLine(target, measured, true, prefix + "met");
    }
    return new TargetLine(target, measured, false, prefix + "missed by " + format.apply(value - limit)
        + String.format(Locale.ROOT, " (%+.0f %%)", (value / limit - 1) * 100));
  }

  private static String atSize(SizeResult judged) {
    return judged.pods() == TARGET_PODS ? "" : "at " + Format.count(judged.pods()) + " pods (10,000 not run): ";
  }

  private static TargetLine notMeasured(String target) {
    return new TargetLine(target, Format.NONE, null, "not measured: every size failed before it");
  }

  private static List<SizeResult> measured(List<SizeResult> sizes, Function<SizeResult, Object> part) {
    return sizes.stream().filter(size -> part.apply(size) != null)
        .sorted(Comparator.comparingInt(SizeResult::pods)).toList();
  }

  private static SizeResult largest(List<SizeResult> sorted) {
    return sorted.get(sorted.size() - 1);
  }

  private static String perSize(List<SizeResult> sizes, Function<SizeResult, String> value) {
    return sizes.stream().map(size -> Format.count(size.pods()) + ": " + value.apply(size))
        .collect(Collectors.joining("; "));
  }

  private static String kib(double bytes) {
    return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
  }

  /** A least-squares line through (pods, value). */
  record Line(double slope, double intercept) {

    static Line fit(List<SizeResult> sizes, Function<SizeResult, Double> value) {
      double n = sizes.size();
      double meanX = sizes.stream().mapToDouble(SizeResult::pods).sum() / n;
      double meanY = sizes.stream().mapToDouble(value::apply).sum() / n;
      double covariance = sizes.stream().mapToDouble(size -> (size.pods() - meanX) * (value.apply(size) - meanY)).sum();
      double variance = sizes.stream().mapToDouble(size -> Math.pow(size.pods() - meanX, 2)).sum();
      double slope = covariance / variance;
      return new Line(slope, meanY - slope * meanX);
    }

    double at(double pods) {
      return intercept + slope * pods;
    }
  }
}
