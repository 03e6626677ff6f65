package io.kubervisor.bench.quality;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Measures a run against its trace's ground truth. A pod counts as isolated from the start of any second in which it
 * got no client request while up: under any of the policies a pod in traffic gets about twenty a second, so a silent
 * second is an ejection, not chance. Times are resolved to the tenth of a second.
 */
final class Measure {

  private static final long TENTHS_PER_SECOND = Duration.ofSeconds(1).dividedBy(PodTraffic.BUCKET);

  private final QualityScenario scenario;
  private final GroundTruth truth;
  private final QualityFleet fleet;
  private final RunClock clock;

  Measure(QualityScenario scenario, QualityFleet fleet, RunClock clock) {
    this.scenario = scenario;
    this.truth = GroundTruth.of(scenario);
    this.fleet = fleet;
    this.clock = clock;
  }

  RunResult of(String policy, ClientLog log, List<String> notes) {
    List<ClientLog.Request> requests = log.requests().stream()
        .filter(r -> within(clock.sinceStart(r.sentAt()), Duration.ZERO, truth.end()))
        .toList();
    List<PhaseStats> phases = new ArrayList<>();
    phases.add(phase("before", Duration.ZERO, truth.faultFrom(), requests));
    if (truth.faultFrom().compareTo(truth.end()) < 0) {
      phases.add(phase("during", truth.faultFrom(), truth.faultTo(), requests));
    }
    if (truth.faultTo().compareTo(truth.end()) < 0) {
      phases.add(phase("after", truth.faultTo(), truth.end(), requests));
    }
    List<PodIsolation> faulty = truth.faults().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(fault -> isolation(fault.getKey(), fault.getValue()))
        .toList();
    List<Integer> falsePositives = IntStream.range(0, truth.pods())
        .filter(pod -> !truth.atFault(pod) && (joined(pod) == null || firstOut(pod, joined(pod), truth.end()) != null))
        .boxed().toList();
    int isolations = IntStream.range(0, truth.pods()).map(this::isolations).sum();
    return new RunResult(policy, phases, faulty, falsePositives, isolations, fewestServing(), truth.pods(),
        podsErrorShare(), errorRateBySecond(requests), notes, null);
  }

  private PhaseStats phase(String name, Duration from, Duration to, List<ClientLog.Request> requests) {
    return PhaseStats.of(name, seconds(from), seconds(to), requests.stream()
        .filter(r -> within(clock.sinceStart(r.sentAt()), from, to)).toList());
  }

  private PodIsolation isolation(int pod, GroundTruth.Window window) {
    Long out = firstOut(pod, window.from(), window.to());
    Duration symptoms = scenario.steps().stream()
        .filter(step -> step.at().compareTo(window.from()) >= 0 && step.behaviour().faulty()
            && GroundTruth.indexes(step, truth.pods()).contains(pod))
        .map(TraceStep::at).findFirst().orElse(window.to());
    return new PodIsolation(pod, seconds(window.from()),
        out == null ? null : out / (double) TENTHS_PER_SECOND - seconds(window.from()),
        seconds(symptoms.minus(window.from())), LongStream.range(0, truth.end().toSeconds())
            .map(second -> fleet.traffic(pod).requests(Duration.ofSeconds(second), Duration.ofSeconds(second + 1)))
            .boxed().toList());
  }

  /**
   * When the pod first got a request, from its start on: a pod that starts during the run joins each policy's
   * routing after its own delay (a proxy's next check, an EndpointSlice update), which is no ejection. Null if it never
   * got one.
   */
  private Duration joined(int pod) {
    for (long tenth = tenth(truth.started().get(pod)); tenth < tenth(truth.end()); tenth++) {
      if (fleet.traffic(pod).requests(at(tenth), at(tenth + 1)) > 0) {
        return at(tenth);
      }
    }
    return null;
  }

  /** The first tenth in [from, to) that starts a second in which the pod got no request; null if none. */
  private Long firstOut(int pod, Duration from, Duration to) {
    for (long tenth = tenth(from); tenth < tenth(to); tenth++) {
      if (silent(pod, tenth)) {
        return tenth;
      }
    }
    return null;
  }

  /** How many times the pod went silent once it had joined: a silent second after a tenth in which it served. */
  private int isolations(int pod) {
    Duration joined = joined(pod);
    if (joined == null) {
      return 0;
    }
    long first = tenth(joined);
    return (int) LongStream.range(first, tenth(truth.end()))
        .filter(tenth -> silent(pod, tenth)
            && (tenth == first || fleet.traffic(pod).requests(at(tenth - 1), at(tenth)) > 0))
        .count();
  }

  /** No request in the second from this tenth on, which lies within the run and after the pod started. */
  private boolean silent(int pod, long tenth) {
    return tenth + TENTHS_PER_SECOND <= tenth(truth.end()) && tenth >= tenth(truth.started().get(pod))
        && fleet.traffic(pod).requests(at(tenth), at(tenth + TENTHS_PER_SECOND)) == 0;
  }

  private int fewestServing() {
    return (int) IntStream.range(0, (int) truth.end().toSeconds())
        .map(second -> (int) IntStream.range(0, truth.pods())
            .filter(pod -> fleet.traffic(pod).requests(Duration.ofSeconds(second), Duration.ofSeconds(second + 1)) > 0)
            .count())
        .min().orElse(0);
  }

  private Double podsErrorShare() {
    if (truth.faultFrom().compareTo(truth.end()) >= 0) {
      return null;
    }
    long served = 0;
    long failed = 0;
    for (int pod = 0; pod < truth.pods(); pod++) {
      served += fleet.traffic(pod).requests(truth.faultFrom(), truth.faultTo());
      failed += fleet.traffic(pod).errors(truth.faultFrom(), truth.faultTo());
    }
    return served == 0 ? null : (double) failed / served;
  }

  private List<Double> errorRateBySecond(List<ClientLog.Request> requests) {
    long[] sent = new long[(int) truth.end().toSeconds()];
    long[] failed = new long[sent.length];
    for (ClientLog.Request request : requests) {
      int second = (int) clock.sinceStart(request.sentAt()).toSeconds();
      if (second < sent.length) {
        sent[second]++;
        failed[second] += request.failed() ? 1 : 0;
      }
    }
    return IntStream.range(0, sent.length).mapToObj(s -> sent[s] == 0 ? 0.0 : (double) failed[s] / sent[s]).toList();
  }

  private static boolean within(Duration at, Duration from, Duration to) {
    return at.compareTo(from) >= 0 && at.compareTo(to) < 0;
  }

  private static long tenth(Duration at) {
    return at.dividedBy(PodTraffic.BUCKET);
  }

  private static Duration at(long tenth) {
    return PodTraffic.BUCKET.multipliedBy(tenth);
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
