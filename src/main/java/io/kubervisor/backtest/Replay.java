package io.kubervisor.backtest;

import io.kubervisor.activator.ActivatorAction;
import io.kubervisor.analysis.Analysis;
import io.kubervisor.analysis.BreakerThreshold;
import io.kubervisor.analysis.ConsecutiveCrossings;
import io.kubervisor.analysis.Judgement;
import io.kubervisor.analysis.Numbers;
import io.kubervisor.analysis.Sample;
import io.kubervisor.analysis.Verdict;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.Durations;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import io.kubervisor.api.v1alpha1.PrometheusQuery;
import io.kubervisor.backtest.Timeline.PodState;
import io.kubervisor.decision.Activation;
import io.kubervisor.decision.BreakerRules;
import io.kubervisor.decision.Ejection;
import io.kubervisor.decision.FleetView;
import io.kubervisor.decision.PodView;
import io.kubervisor.detectors.DetectorExchange;
import io.kubervisor.detectors.PrometheusRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Replays a BreakerConfig over Prometheus history with the decision code the operator runs: at each instant the
 * activator ({@link Activation}), then the breakers that are due, judged by their rule ({@link Judgement}) with their
 * threshold streaks, decided under one floor ({@link Ejection}). The fleet at an instant is the pods with series then;
 * a pod the replay takes out keeps its real metrics, so this is a what-if on the same traffic, not a prediction.
 *
 * <p>History is read in blocks of {@link #BLOCK} instants, one range query per breaker question each, so memory stays
 * bounded by the block and the timeline kept for the report. A custom detector route that accepts a time is asked at
 * each of its evaluations instead ({@link CustomDetectors}); the pods it judges join the fleet as series do.
 */
public final class Replay {

  static final int BLOCK = 360;

  /**
   * What the replay made of a BreakerConfig over a window.
   *
   * @param detectorErrors per custom detector that failed at some instants: how often, when first, and why
   */
  public record Result(List<Decision> decisions, Timeline timeline, List<String> notReplayable,
      List<String> detectorErrors) {}

  private final BreakerConfig config;
  private final History history;
  private final CustomDetectors customDetectors;
  /** The pods each custom detector judged at its last evaluation: they are the fleet between evaluations. */
  private final Map<String, Set<String>> customSeen = new HashMap<>();
  private final Map<String, DetectorFailures> customFailures = new LinkedHashMap<>();
  private final List<BreakerSpec> replayable = new ArrayList<>();
  private final List<String> notReplayable = new ArrayList<>();
  private final Map<String, BreakerRules> rules = new LinkedHashMap<>();
  private final Map<String, ConsecutiveCrossings> streaks = new HashMap<>();
  private final Map<String, Instant> evaluatedAt = new HashMap<>();
  private final Map<String, Simulated> pods = new TreeMap<>();
  /** The pods with series at the instant being replayed. */
  private final Set<String> present = new HashSet<>();
  private final List<Decision> decisions = new ArrayList<>();
  private final Timeline timeline = new Timeline();

  /** A pod's state in the replay, which starts with every pod in traffic. */
  private static final class Simulated {
    State state = State.InTraffic;
    boolean killed;
    String breaker;
    Instant brokenAt;
    int retries;
    Instant restoredAt;
    final Instant firstSeen;

    Simulated(Instant firstSeen) {
      this.firstSeen = firstSeen;
    }
  }

  /** A custom detector's failed evaluations. */
  private static final class DetectorFailures {
    int count;
    Instant first;
    String why;
  }

  private Replay(BreakerConfig config, History history, CustomDetectors customDetectors) {
    this.config = config;
    this.history = history;
    this.customDetectors = customDetectors;
    for (BreakerSpec breaker : config.getSpec().breakers) {
      Optional<String> whyNot = breaker.external != null
          ? Optional.of("an external detector cannot be asked about the past")
          : breaker.custom != null ? customDetectors.whyNotReplayable(breaker.custom.name) : Optional.empty();
      if (whyNot.isPresent()) {
        notReplayable.add(breaker.name + ": " + whyNot.get() + "; not replayed");
      } else {
        replayable.add(breaker);
        rules.put(breaker.name, BreakerRules.of(config, breaker));
      }
    }
  }

  /**
   * @param step the time between instants; null for the shortest evaluationPeriod of the breakers
   * @param progress told each instant replayed, for a progress bar
   */
  public static Result run(BreakerConfig config, History history, Instant from, Instant to, Duration step,
      Consumer<Instant> progress) {
    return run(config, history, CustomDetectors.NONE, from, to, step, progress);
  }

  /** @param customDetectors the custom detector routes that may be asked about the past */
  public static Result run(BreakerConfig config, History history, CustomDetectors customDetectors, Instant from,
      Instant to, Duration step, Consumer<Instant> progress) {
    Replay replay = new Replay(config, history, customDetectors);
    if (!replay.replayable.isEmpty()) {
      Duration every = step != null ? step : defaultStep(config).orElseThrow();
      for (Instant blockStart = from; !blockStart.isAfter(to); ) {
        Instant blockEnd = min(to, blockStart.plus(every.multipliedBy(BLOCK - 1)));
        replay.block(blockStart, blockEnd, every, progress);
        blockStart = blockEnd.plus(every);
      }
    }
    List<String> errors = new ArrayList<>();
    replay.customFailures.forEach((breaker, failures) -> errors.add(breaker + ": the detector failed at "
        + failures.count + " evaluation(s), first at " + failures.first + ": " + failures.why
        + "; its pods had no data then"));
    return new Result(replay.decisions, replay.timeline, replay.notReplayable, errors);
  }

  /**
   * The shortest evaluationPeriod of the breakers a replay may replay (all but external detectors); empty when there
   * are none.
   */
  public static Optional<Duration> defaultStep(BreakerConfig config) {
    return config.getSpec().breakers.stream().filter(b -> b.external == null)
        .map(b -> Durations.parse(b.evaluationPeriod)).min(Duration::compareTo);
  }

  private void block(Instant from, Instant to, Duration step, Consumer<Instant> progress) {
    Map<String, NavigableMap<Instant, List<Sample>>> first = new HashMap<>();
    Map<String, NavigableMap<Instant, List<Sample>>> second = new HashMap<>();
    for (BreakerSpec breaker : replayable) {
      if (breaker.custom != null) {
        continue;
      }
      first.put(breaker.name, history.range(PrometheusRequest.first(breaker), from, to, step));
      String secondQuestion = PrometheusRequest.second(breaker);
      if (secondQuestion != null) {
        second.put(breaker.name, history.range(secondQuestion, from, to, step));
      }
    }
    for (Instant t = from; !t.isAfter(to); t = t.plus(step)) {
      instant(t, first, second);
      progress.accept(t);
    }
  }

  private void instant(Instant t, Map<String, NavigableMap<Instant, List<Sample>>> first,
      Map<String, NavigableMap<Instant, List<Sample>>> second) {
    present.clear();
    for (BreakerSpec breaker : replayable) {
      if (breaker.custom != null) {
        customSeen.getOrDefault(breaker.name, Set.of()).forEach(pod -> see(pod, t));
        continue;
      }
      for (Sample sample : first.get(breaker.name).getOrDefault(t, List.of())) {
        String pod = sample.label(podNameKey(breaker));
        if (pod != null) {
          see(pod, t);
        }
      }
    }
    // As a pass plans its detector calls before the activator runs: a pod restored now is judged at the next period.
    Map<BreakerSpec, Set<String>> due = dueBreakers(t);
    activate(t);
    FleetView fleet = view();
    Map<String, Map<String, Double>> values = new LinkedHashMap<>();
    List<String> noData = new ArrayList<>();
    List<Ejection.BreakerVerdicts> answers = new ArrayList<>();
    due.forEach((breaker, judged) -> {
      if (breaker.custom != null) {
        List<Verdict> answer = askCustom(breaker, t, judged, noData);
        answers.add(new Ejection.BreakerVerdicts(rules.get(breaker.name),
            answer.stream().filter(v -> judged.contains(v.pod())).toList()));
        Map<String, Double> chart = new TreeMap<>();
        answer.stream().filter(v -> v.value() != null && present.contains(v.pod()) && !pods.get(v.pod()).killed)
            .forEach(v -> chart.put(v.pod(), v.value()));
        values.put(breaker.name, chart);
        return;
      }
      List<Sample> firstAnswers = first.get(breaker.name).getOrDefault(t, List.of());
      NavigableMap<Instant, List<Sample>> secondAnswers = second.get(breaker.name);
      List<Sample> secondAt = secondAnswers == null ? null : secondAnswers.getOrDefault(t, List.of());
      Analysis analysis = Judgement.of(breaker, firstAnswers, secondAt, judged);
      int required = DetectorExchange.forEvaluations(breaker);
      List<Verdict> verdicts = required <= 1 ? analysis.verdicts()
          : streaks.computeIfAbsent(breaker.name, b -> new ConsecutiveCrossings())
              .apply(analysis.verdicts(), required, fleet.onRetryAfter(breaker.name));
      verdicts.stream().filter(v -> v.value() == null).forEach(v -> noData.add(breaker.name + "/" + v.pod()));
      answers.add(new Ejection.BreakerVerdicts(rules.get(breaker.name), verdicts));
      values.put(breaker.name, chartValues(breaker, firstAnswers, secondAt));
    });
    int spared = 0;
    if (!answers.isEmpty()) {
      Ejection.Plan plan = Ejection.decide(fleet, answers);
      plan.eject().forEach(candidate -> eject(t, candidate));
      spared = plan.spared().size();
    }
    record(t, values, spared, noData);
  }

  private void see(String pod, Instant t) {
    present.add(pod);
    pods.computeIfAbsent(pod, p -> new Simulated(t));
  }

  /**
   * A custom detector's verdicts at {@code t}, every pod it judged joining the fleet; a failure is no data for the
   * pods it was asked about, as a detector error changes nothing in the operator.
   */
  private List<Verdict> askCustom(BreakerSpec breaker, Instant t, Set<String> judged, List<String> noData) {
    List<Verdict> answer;
    try {
      answer = customDetectors.ask(config, breaker, t, judged.stream().sorted().toList());
    } catch (Exception e) {
      DetectorFailures failures = customFailures.computeIfAbsent(breaker.name, b -> new DetectorFailures());
      if (failures.count++ == 0) {
        failures.first = t;
        failures.why = String.valueOf(e.getMessage());
      }
      judged.stream().sorted().forEach(pod -> noData.add(breaker.name + "/" + pod));
      return List.of();
    }
    Set<String> judgedNow = answer.stream().map(Verdict::pod).collect(Collectors.toSet());
    customSeen.put(breaker.name, judgedNow);
    judgedNow.forEach(pod -> see(pod, t));
    answer.stream().filter(v -> v.value() == null && judged.contains(v.pod()))
        .forEach(v -> noData.add(breaker.name + "/" + v.pod()));
    return answer;
  }

  /**
   * The breakers whose period has come, each with the pods it judges (in traffic, past warmup), on the period's beat
   * as the operator keeps it.
   */
  private Map<BreakerSpec, Set<String>> dueBreakers(Instant t) {
    Map<BreakerSpec, Set<String>> due = new LinkedHashMap<>();
    for (BreakerSpec breaker : replayable) {
      Duration period = Durations.parse(breaker.evaluationPeriod);
      Instant last = evaluatedAt.get(breaker.name);
      if (last != null && t.isBefore(last.plus(period))) {
        continue;
      }
      Instant beat = last == null ? t : last.plus(period);
      evaluatedAt.put(breaker.name, t.isBefore(beat.plus(period)) ? beat : t);
      Instant warmedUp = t.minus(Durations.parse(breaker.warmup));
      due.put(breaker, view().pods().stream().filter(PodView::inTraffic)
          .filter(pod -> !pods.get(pod.name()).firstSeen.isAfter(warmedUp))
          .map(PodView::name).collect(Collectors.toSet()));
    }
    return due;
  }

  /**
   * Each present pod's value by the breaker's rule, for the report's charts: the pods out of traffic too, whose real
   * metrics go on.
   */
  private Map<String, Double> chartValues(BreakerSpec breaker, List<Sample> firstAnswers, List<Sample> secondAt) {
    Set<String> alive = view().pods().stream().map(PodView::name).collect(Collectors.toSet());
    Map<String, Double> values = new TreeMap<>();
    Judgement.of(breaker, firstAnswers, secondAt, alive).verdicts().stream().filter(v -> v.value() != null)
        .forEach(v -> values.put(v.pod(), v.value()));
    return values;
  }

  /** The activator's steps, applied to the simulated pods. */
  private void activate(Instant t) {
    for (Activation.Step step : Activation.decide(view(), rules, t).steps()) {
      Simulated pod = pods.get(step.pod().name());
      ActivatorAction action = step.action();
      String decided;
      if (action instanceof ActivatorAction.Restore) {
        pod.state = State.InTraffic;
        pod.restoredAt = t;
        decided = "restore";
      } else if (action instanceof ActivatorAction.Pause) {
        pod.state = State.Paused;
        decided = "pause";
      } else if (action instanceof ActivatorAction.Kill) {
        pod.killed = true;
        decided = "kill";
      } else if (action instanceof ActivatorAction.ResetRetries) {
        pod.retries = 0;
        pod.breaker = null;
        pod.brokenAt = null;
        pod.restoredAt = null;
        decided = "reset";
      } else {
        continue;
      }
      decisions.add(new Decision(t, step.pod().name(), step.breaker(), decided, null, null, "activator "
          + BreakerRules.activator(config, breakerSpec(step.breaker())).mode));
    }
  }

  private void eject(Instant t, Ejection.Candidate candidate) {
    Simulated pod = pods.get(candidate.pod());
    pod.state = State.Broken;
    pod.breaker = candidate.breaker();
    pod.brokenAt = t;
    pod.retries++;
    pod.restoredAt = null;
    BreakerSpec breaker = breakerSpec(candidate.breaker());
    decisions.add(new Decision(t, candidate.pod(), candidate.breaker(), "break",
        Numbers.format(candidate.verdict().value()), BreakerThreshold.of(breaker), candidate.verdict().reason()));
  }

  /**
   * The fleet as the decision core sees it: the pods with series now, the killed ones gone. A killed pod still counts
   * in the desired size, as its replacement would live, so killing never lowers the floor; the replay cannot see the
   * replacement, so it stays missing.
   */
  private FleetView view() {
    List<PodView> views = present.stream().filter(name -> !pods.get(name).killed).sorted().map(name -> {
      Simulated pod = pods.get(name);
      return new PodView(name, pod.state, true, pod.breaker, pod.brokenAt, pod.retries, pod.restoredAt, false);
    }).toList();
    return new FleetView(present.size(), views);
  }

  private void record(Instant t, Map<String, Map<String, Double>> values, int spared, List<String> noData) {
    Map<String, PodState> states = new TreeMap<>();
    present.forEach(name -> {
      Simulated pod = pods.get(name);
      states.put(name, pod.killed ? PodState.KILLED : Timeline.of(pod.state));
    });
    FleetView fleet = view();
    int floor = rules.values().stream().mapToInt(r -> r.floor(fleet.desired())).max().orElse(0);
    int inTraffic = (int) fleet.pods().stream().filter(PodView::inTraffic).count();
    timeline.add(new Timeline.Frame(t, states, inTraffic, floor, values, spared, noData));
  }

  private BreakerSpec breakerSpec(String name) {
    return replayable.stream().filter(b -> b.name.equals(name)).findFirst().orElseThrow();
  }

  private static String podNameKey(BreakerSpec breaker) {
    return ((PrometheusQuery) DetectorExchange.httpEndpoint(breaker)).podNameKey;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
