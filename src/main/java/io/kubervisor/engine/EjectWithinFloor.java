package io.kubervisor.engine;

import io.kubervisor.analysis.BreakerThreshold;
import io.kubervisor.analysis.ConsecutiveCrossings;
import io.kubervisor.analysis.Numbers;
import io.kubervisor.analysis.Verdict;
import io.kubervisor.api.v1alpha1.BreakerEvaluation;
import io.kubervisor.api.v1alpha1.BreakerEvaluation.Outcome;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.DryRunDecision;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.cluster.CachedPod;
import io.kubervisor.decision.Ejection;
import io.kubervisor.decision.FleetView;
import io.kubervisor.detectors.DetectorExchange;
import io.kubervisor.detectors.http.CredentialsUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The breakers' step of a pass: every breaker that answered is decided at once, under one floor ({@link Ejection}),
 * and the pods it picks leave traffic, worst first. A breaker whose detector failed changes nothing, and says why in
 * its evaluation; no data changes nothing either.
 */
public class EjectWithinFloor implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(EjectWithinFloor.class);
  /** At most this many pods without data are named in a breaker's evaluation. */
  static final int NAMED_NO_DATA = 10;

  private final PodTransitions transitions;
  private final PassMetrics metrics;
  private final Clock clock;

  EjectWithinFloor(PodTransitions transitions, PassMetrics metrics, Clock clock) {
    this.transitions = transitions;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    Pass pass = exchange.getIn().getBody(Pass.class);
    if (!pass.running || pass.calls.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    FleetView fleet = Fleets.view(pass);
    List<Ejection.BreakerVerdicts> answers = new ArrayList<>();
    for (BreakerCall call : pass.calls) {
      BreakerCall.Outcome outcome = call.outcome("detector " + call.detector + " did not answer within the pass's"
          + " deadline");
      metrics.detectorCall(pass.namespace(), pass.name(), call.name(), call.detector, outcome.durationNanos(),
          outcome.failure() != null);
      if (outcome.failure() != null) {
        failed(pass, call, outcome.failure(), now);
        continue;
      }
      pass.supervision.news("detector/" + call.name(), null);
      logIgnored(pass, call, outcome.ignored());
      answers.add(new Ejection.BreakerVerdicts(pass.rules.get(call.name()), consecutive(pass, fleet, call.breaker,
          outcome.verdicts())));
    }
    pass.supervision.evaluations++;
    pass.supervision.lastEvaluation = now;
    Ejection.Plan plan = Ejection.decide(fleet, answers);
    pass.ejection = plan;
    Map<String, Integer> ejected = eject(pass, plan, now);
    for (Map.Entry<String, Ejection.Tally> tally : plan.tallies().entrySet()) {
      pass.supervision.outcomes.put(tally.getKey(), evaluated(tally.getKey(), tally.getValue(),
          ejected.getOrDefault(tally.getKey(), 0), now));
    }
    List<String> spared = plan.spared().stream().map(Ejection.Candidate::pod).sorted().toList();
    pass.supervision.spared = spared;
    if (pass.supervision.news("spared", spared.isEmpty() ? null : String.join(", ", spared))) {
      LOG.warn("BreakerConfig {}: {} anomalous pod(s) kept in traffic to hold the floor ({} desired): {}",
          pass.supervision.key(), spared.size(), pass.desired, String.join(", ", spared));
    }
  }

  /** The pods the plan picks leave traffic (or, in DryRun, are recorded as would-be ejections). */
  private Map<String, Integer> eject(Pass pass, Ejection.Plan plan, Instant now) {
    Map<String, Integer> ejected = new java.util.HashMap<>();
    boolean dryRun = pass.mode() == Mode.DryRun;
    for (Ejection.Candidate candidate : plan.eject()) {
      BreakerSpec breaker = pass.calls.stream().filter(c -> c.name().equals(candidate.breaker())).findFirst()
          .orElseThrow().breaker;
      CachedPod pod = pass.pod(candidate.pod());
      boolean done = dryRun ? recordDryRun(pass, breaker, candidate.verdict(), pod, now)
          : pass.acting && transitions.eject(pass, pod, breaker, candidate.verdict());
      if (done || dryRun) {
        ejected.merge(candidate.breaker(), 1, Integer::sum);
      }
    }
    return ejected;
  }

  /** The detector's forEvaluations: a pod counts as anomalous only after that many anomalous verdicts in a row. */
  private static List<Verdict> consecutive(Pass pass, FleetView fleet, BreakerSpec breaker, List<Verdict> verdicts) {
    int required = DetectorExchange.forEvaluations(breaker);
    if (required <= 1) {
      return verdicts;
    }
    return pass.supervision.streaks.computeIfAbsent(breaker.name, b -> new ConsecutiveCrossings())
        .apply(verdicts, required, fleet.onRetryAfter(breaker.name));
  }

  private void failed(Pass pass, BreakerCall call, Throwable failure, Instant now) {
    BreakerEvaluation evaluation = new BreakerEvaluation();
    evaluation.breaker = call.name();
    evaluation.time = now.toString();
    evaluation.outcome = ObjectHelper.getException(CredentialsUnavailableException.class, failure) != null
        ? Outcome.CredentialsUnavailable : Outcome.DetectorError;
    evaluation.error = message(failure);
    evaluation.evaluated = 0;
    evaluation.anomalous = 0;
    evaluation.ejected = 0;
    evaluation.spared = 0;
    pass.supervision.outcomes.put(call.name(), evaluation);
    pass.supervision.detectorErrors++;
    if (pass.supervision.news("detector/" + call.name(), evaluation.error)) {
      LOG.warn("breaker {}/{}: detector failed, nothing changed: {}", pass.supervision.key(), call.name(),
          evaluation.error);
      LOG.debug("breaker {}/{}: detector failure", pass.supervision.key(), call.name(), failure);
    }
  }

  private static BreakerEvaluation evaluated(String breaker, Ejection.Tally tally, int ejected, Instant now) {
    BreakerEvaluation evaluation = new BreakerEvaluation();
    evaluation.breaker = breaker;
    evaluation.time = now.toString();
    evaluation.evaluated = tally.evaluated();
    evaluation.anomalous = tally.anomalous();
    evaluation.ejected = ejected;
    evaluation.spared = tally.spared();
    boolean noData = tally.evaluated() == 0 && tally.judged() > 0;
    evaluation.outcome = noData ? Outcome.NoData : Outcome.Evaluated;
    if (!tally.noData().isEmpty()) {
      evaluation.noData = tally.noData().stream().limit(NAMED_NO_DATA).map(v -> v.pod() + ": " + v.reason())
          .toList();
      if (noData) {
        evaluation.error = "no data for any of the " + tally.judged() + " pods in traffic (" + evaluation.noData.get(0)
            + ")";
      }
    }
    return evaluation;
  }

  private boolean recordDryRun(Pass pass, BreakerSpec breaker, Verdict verdict, CachedPod pod, Instant now) {
    DryRunDecision decision = new DryRunDecision();
    decision.pod = verdict.pod();
    decision.breaker = breaker.name;
    decision.time = now.toString();
    decision.reason = verdict.reason();
    decision.value = Numbers.format(verdict.value());
    if (pass.supervision.recordDryRun(decision)) {
      metrics.count("dry_run", pass.namespace(), pass.name());
      DecisionLog.log(LOG, Level.INFO, "action", "dry-run-break", "namespace", pass.namespace(), "service",
          pass.config.getSpec().service, "pod", verdict.pod(), "breakerconfig", pass.name(), "breaker", breaker.name,
          "value", Numbers.format(verdict.value()), "threshold", BreakerThreshold.of(breaker), "reason",
          verdict.reason());
      String message = "DryRun: would take out of traffic (breaker " + breaker.name + "): " + verdict.reason();
      transitions.report(pass, pod, "Normal", "DryRunOutOfTraffic", message);
    }
    return true;
  }

  private void logIgnored(Pass pass, BreakerCall call, List<String> ignored) {
    String described = ignored.isEmpty() ? null : String.join("; ", ignored);
    if (pass.supervision.news("ignored/" + call.name(), described)) {
      LOG.info("breaker {}/{}: ignored what the detector answered for pods outside its request: {}",
          pass.supervision.key(), call.name(), described);
    }
  }

  /** The failure in the detector's own words, without Camel's wrappers. */
  static String message(Throwable failure) {
    Throwable shown = failure;
    while (shown.getCause() != null && shown.getCause() != shown
        && (shown instanceof org.apache.camel.CamelExecutionException || shown.getMessage() == null)) {
      shown = shown.getCause();
    }
    return shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
  }
}
