package io.kubervisor.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubervisor.analysis.Sample;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/** The replay over a history held in memory: the operator's decisions, instant by instant, with no waiting. */
class ReplayTest {

  static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
  static final List<String> PODS = List.of("web-1", "web-2", "web-3", "web-4");

  /** Errors by code per pod: 100 requests per evaluation, 50 of them 500 while the pod is bad. */
  static History history(BiPredicate<String, Instant> bad) {
    return samplesByPod((pod, t) -> {
      boolean failing = bad.test(pod, t);
      return List.of(new Sample(Map.of("pod", pod, "code", "200"), failing ? 50 : 100),
          new Sample(Map.of("pod", pod, "code", "500"), failing ? 50 : 0));
    });
  }

  /** Each pod's samples at each instant, whatever the question. */
  static History samplesByPod(BiFunction<String, Instant, List<Sample>> samplesOf) {
    return (promQL, from, to, step) -> {
      NavigableMap<Instant, List<Sample>> answers = new TreeMap<>();
      for (Instant t = from; !t.isAfter(to); t = t.plus(step)) {
        List<Sample> samples = new ArrayList<>();
        for (String pod : PODS) {
          samples.addAll(samplesOf.apply(pod, t));
        }
        answers.put(t, samples);
      }
      return answers;
    };
  }

  static BreakerConfig config(String extra) {
    return Fleets.webInShop("""
            - name: errors
              evaluationPeriod: 10s
              warmup: 0s
              minPodsAvailableRatio: 50
              discreteValueOutOfList:
                prometheusService: http://prometheus:9090
                promQL: sum by (pod, code) (increase(http_requests_total[1m]))
                key: code
                goodValues: ["200"]
                tolerancePercent: 10
        """ + extra);
  }

  static Replay.Result replay(BreakerConfig config, History history, Duration window) {
    return Replay.run(config, history, T, T.plus(window), null, t -> { });
  }

  @Test
  void aPodFailingForAMinuteIsTakenOutOnceItFailsAndBackAfterItRecovers() {
    BiPredicate<String, Instant> bad = (pod, t) -> pod.equals("web-2") && !t.isBefore(T.plusSeconds(60))
        && t.isBefore(T.plusSeconds(120));

    Replay.Result result = replay(config(""), history(bad), Duration.ofMinutes(4));

    List<Decision> web2 = result.decisions().stream().filter(d -> d.pod().equals("web-2")).toList();
    assertThat(web2).first().satisfies(d -> {
      assertThat(d.action()).isEqualTo("break");
      assertThat(d.time()).isEqualTo(T.plusSeconds(60));
      assertThat(d.value()).isEqualTo("50");
      assertThat(d.threshold()).isEqualTo("tolerancePercent=10");
    });
    assertThat(web2).last().satisfies(d -> assertThat(d.action()).isEqualTo("restore"));
    assertThat(web2.get(web2.size() - 1).time()).isAfterOrEqualTo(T.plusSeconds(120));
    assertThat(result.decisions()).allMatch(d -> d.pod().equals("web-2"));
    assertThat(result.timeline().frames()).last().satisfies(f -> assertThat(f.inTraffic()).isEqualTo(4));
  }

  @Test
  void theWholeFleetBadKeepsTheFloorAndSaysHowManyWereSpared() {
    Replay.Result result = replay(config(""), history((pod, t) -> true), Duration.ofMinutes(2));

    assertThat(result.timeline().frames()).allSatisfy(frame -> {
      assertThat(frame.inTraffic()).isGreaterThanOrEqualTo(2);
      assertThat(frame.floor()).isEqualTo(2);
    });
    assertThat(result.timeline().frames().get(0).spared()).isEqualTo(2);
  }

  /**
   * A shared dependency failing at T+60 s: the error ratios of web-1 and web-2 catch it one evaluation before those
   * of web-3 and web-4 (their rate windows are a scrape apart), whose median is then still 0; from T+70 s every pod
   * is at 0.6. Then web-4 alone fails from T+120 s.
   */
  static History fleetWideOnsetThenOneBadPod() {
    return samplesByPod((pod, t) -> {
      boolean early = pod.equals("web-1") || pod.equals("web-2");
      double ratio = t.isBefore(T.plusSeconds(60)) ? 0
          : t.isBefore(T.plusSeconds(70)) ? (early ? 0.3 : 0)
          : t.isBefore(T.plusSeconds(120)) ? 0.6
          : pod.equals("web-4") ? 0.5 : 0;
      return List.of(new Sample(Map.of("pod", pod), ratio));
    });
  }

  static BreakerConfig deviation(int forEvaluations) {
    return Fleets.webInShop("""
            - name: errors
              evaluationPeriod: 10s
              warmup: 0s
              continuousValueDeviation:
                prometheusService: http://prometheus:9090
                promQL: sum by (pod) (rate(errors[1m])) / sum by (pod) (rate(requests[1m]))
                maxDeviationPercent: 50
                forEvaluations: %d
        """.formatted(forEvaluations));
  }

  @Test
  void forEvaluationsRidesOutTheOnsetOfAFleetWideFaultAndStillCatchesAPodThatStaysBad() {
    List<Decision> eager = replay(deviation(1), fleetWideOnsetThenOneBadPod(), Duration.ofMinutes(3)).decisions();
    assertThat(eager).filteredOn(d -> d.action().equals("break")).extracting(Decision::pod)
        .as("at the onset, the median of the others is 0: an infinite deviation").contains("web-1", "web-2");

    List<Decision> patient = replay(deviation(2), fleetWideOnsetThenOneBadPod(), Duration.ofMinutes(3)).decisions();
    assertThat(patient).filteredOn(d -> d.action().equals("break")).allMatch(d -> d.pod().equals("web-4"))
        .first().satisfies(d -> assertThat(d.time()).as("its second anomalous evaluation in a row")
            .isEqualTo(T.plusSeconds(130)));
    List<Decision> web4 = patient.stream().filter(d -> d.pod().equals("web-4")).toList();
    for (int i = 1; i < web4.size(); i++) {
      Decision before = web4.get(i - 1);
      if (before.action().equals("restore")) {
        assertThat(web4.get(i)).as("still bad on its retry: out again at the first evaluation, no streak")
            .satisfies(d -> assertThat(d.action()).isEqualTo("break"))
            .satisfies(d -> assertThat(d.time()).isBeforeOrEqualTo(before.time().plusSeconds(10)));
      }
    }
    assertThat(web4).extracting(Decision::action).contains("restore");
  }

  @Test
  void anExternalDetectorIsReportedAsNotReplayableNeverSkippedSilently() {
    BreakerConfig config = config("""
            - name: remote
              external:
                url: http://detector:8080/anomalous
        """);

    Replay.Result result = replay(config, history((pod, t) -> false), Duration.ofMinutes(1));

    assertThat(result.notReplayable()).containsExactly(
        "remote: an external detector cannot be asked about the past; not replayed");
    assertThat(result.timeline().frames()).isNotEmpty();
  }
}
