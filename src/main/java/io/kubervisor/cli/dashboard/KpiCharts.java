package io.kubervisor.cli.dashboard;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.analysis.Judgement;
import io.kubervisor.analysis.Sample;
import io.kubervisor.analysis.Verdict;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.PrometheusQuery;
import io.kubervisor.backtest.BacktestException;
import io.kubervisor.backtest.History;
import io.kubervisor.backtest.prometheus.PrometheusReach;
import io.kubervisor.detectors.DetectorExchange;
import io.kubervisor.detectors.PrometheusRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Each pod's KPI over the last minutes, per breaker, as the breaker judges it: its questions asked of its Prometheus
 * over a range (through the API server's service proxy when the URL names a Service, as the backtest reaches it), and
 * each instant's answers put through the breaker's own rule. The value is what the rule compares (the bad share in
 * percent for the discrete detector, the slope for the trend), so the bound drawn is the one it applies.
 */
final class KpiCharts {

  static final Duration WINDOW = Duration.ofMinutes(15);
  static final Duration STEP = Duration.ofSeconds(5);

  /**
   * @param from the window's start, in epoch seconds, so that a young history is drawn where it lies in the window
   * @param to its end
   * @param times the instants, in epoch seconds
   * @param bound the bound the rule applies, or null where the reference is the fleet's median
   * @param median the fleet's median at each instant, where there is no bound
   * @param error why there is no chart, or null
   */
  record Chart(String breaker, String threshold, long from, long to, List<Long> times, Double bound,
      List<Double> median, List<PodLine> pods, String error) {}

  /**
   * @param beyond anomalous at the last instant that judged it
   * @param latest its last value, or null
   */
  record PodLine(String pod, List<Double> values, List<Boolean> anomalous, Double latest, boolean beyond) {}

  /** @param warnings what could not be used to reach Prometheus, as the backtest says it */
  record Charts(List<Chart> charts, List<String> warnings) {}

  private KpiCharts() {}

  static Charts of(KubernetesClient client, BreakerConfig config, Set<String> pods, Instant now) {
    List<String> warnings = new ArrayList<>();
    Instant end = now.truncatedTo(ChronoUnit.SECONDS);
    Instant start = end.minus(WINDOW);
    List<Chart> charts = new ArrayList<>();
    History history;
    try {
      history = new PrometheusReach(null, () -> client, warnings::add).historyOf(config);
    } catch (BacktestException e) {
      config.getSpec().breakers.forEach(b -> charts.add(failed(b, start, end, e.getMessage())));
      return new Charts(charts, warnings);
    }
    for (BreakerSpec breaker : config.getSpec().breakers) {
      if (!(DetectorExchange.httpEndpoint(breaker) instanceof PrometheusQuery)) {
        charts.add(failed(breaker, start, end, "not a Prometheus detector: nothing to chart"));
        continue;
      }
      try {
        charts.add(chart(breaker, history, pods, start, end));
      } catch (BacktestException e) {
        charts.add(failed(breaker, start, end, e.getMessage()));
      }
    }
    return new Charts(charts, warnings);
  }

  private static Chart chart(BreakerSpec breaker, History history, Set<String> pods, Instant start, Instant end) {
    NavigableMap<Instant, List<Sample>> first = history.range(PrometheusRequest.first(breaker), start, end, STEP);
    String secondQuestion = PrometheusRequest.second(breaker);
    NavigableMap<Instant, List<Sample>> second = secondQuestion == null ? new TreeMap<>()
        : history.range(secondQuestion, start, end, STEP);
    Set<Instant> instants = new TreeSet<>(first.keySet());
    List<Long> times = instants.stream().map(Instant::getEpochSecond).toList();
    Map<String, Double[]> values = new TreeMap<>();
    Map<String, Boolean[]> anomalous = new TreeMap<>();
    for (String pod : pods) {
      values.put(pod, new Double[times.size()]);
      anomalous.put(pod, new Boolean[times.size()]);
    }
    int i = 0;
    for (Instant instant : instants) {
      List<Sample> secondAnswer = secondQuestion == null ? null : second.getOrDefault(instant, List.of());
      for (Verdict verdict : Judgement.of(breaker, first.get(instant), secondAnswer, pods).verdicts()) {
        if (verdict.value() != null && Double.isFinite(verdict.value())) {
          values.get(verdict.pod())[i] = verdict.value();
          anomalous.get(verdict.pod())[i] = verdict.anomalous();
        }
      }
      i++;
    }
    List<PodLine> lines = values.entrySet().stream().map(e -> line(e.getKey(), e.getValue(),
        anomalous.get(e.getKey()))).toList();
    Double bound = Thresholds.bound(breaker);
    return new Chart(breaker.name, Thresholds.describe(breaker), start.getEpochSecond(), end.getEpochSecond(), times,
        bound,
        bound == null ? medians(lines, times.size()) : List.of(), lines, null);
  }

  private static PodLine line(String pod, Double[] values, Boolean[] anomalous) {
    int last = values.length - 1;
    while (last >= 0 && values[last] == null) {
      last--;
    }
    return new PodLine(pod, Arrays.asList(values), Arrays.asList(anomalous), last < 0 ? null : values[last],
        last >= 0 && Boolean.TRUE.equals(anomalous[last]));
  }

  private static List<Double> medians(List<PodLine> lines, int size) {
    List<Double> medians = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int at = i;
      double[] sorted = lines.stream().map(l -> l.values().get(at)).filter(v -> v != null)
          .mapToDouble(Double::doubleValue).sorted().toArray();
      medians.add(sorted.length == 0 ? null : sorted.length % 2 == 1 ? sorted[sorted.length / 2]
          : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2);
    }
    return medians;
  }

  private static Chart failed(BreakerSpec breaker, Instant start, Instant end, String why) {
    return new Chart(breaker.name, Thresholds.describe(breaker), start.getEpochSecond(), end.getEpochSecond(),
        List.of(), null, List.of(), List.of(), why);
  }
}
