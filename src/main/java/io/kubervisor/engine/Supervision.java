package io.kubervisor.engine;

import io.kubervisor.api.v1alpha1.BreakerEvaluation;
import io.kubervisor.api.v1alpha1.DryRunDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the operator knows of one BreakerConfig beyond the cluster: its breakers' last evaluations and dry-run
 * decisions. Everything that must survive a restart lives on the pods and in the status; this is only the latest
 * observation, rebuilt by the next evaluation.
 */
final class Supervision {

  /** Dry-run decisions kept in the status: the latest per pod, up to this many pods. */
  static final int MAX_DRY_RUN_DECISIONS = 50;

  /** All breakers of a BreakerConfig decide under this lock, because they share one floor. */
  final ReentrantLock decisionLock = new ReentrantLock();

  /** How long a write the API server refused is shown after the last refusal. */
  static final Duration REFUSAL_SHOWN_FOR = Duration.ofMinutes(2);

  private final Map<String, BreakerEvaluation> evaluations = new TreeMap<>();
  private final Deque<DryRunDecision> dryRun = new ArrayDeque<>();
  private final Map<String, String> activatorMessages = new TreeMap<>();
  private final Map<String, List<String>> spared = new TreeMap<>();
  private String problem;
  private String problemReason;
  private String refusal;
  private Instant refusedAt;
  private boolean conflict;
  private String conflictMessage;
  private Instant lastStatusWrite = Instant.EPOCH;

  /**
   * The API server refused a write of a breaker or activator for lack of RBAC. Unlike {@link #problem}, which each
   * reconcile recomputes, it stands until {@link #REFUSAL_SHOWN_FOR} passes without another refusal: every tick
   * retries, so a lasting refusal stays in the status and a granted permission clears it.
   */
  /** @return whether this refusal is news (another message, or none shown any more), worth a log line */
  synchronized boolean refused(String message, Instant at) {
    boolean news = !message.equals(refusal(at));
    refusal = message;
    refusedAt = at;
    return news;
  }

  synchronized String refusal(Instant now) {
    return refusedAt != null && now.isBefore(refusedAt.plus(REFUSAL_SHOWN_FOR)) ? refusal : null;
  }

  synchronized void recordEvaluation(BreakerEvaluation evaluation) {
    evaluations.put(evaluation.breaker, evaluation);
  }

  synchronized void retainBreakers(java.util.Set<String> breakers) {
    evaluations.keySet().retainAll(breakers);
    spared.keySet().retainAll(breakers);
  }

  /** Records which pods the floor spared; true when that changed, so the log says it once, not every tick. */
  synchronized boolean sparedChanged(String breaker, List<String> pods) {
    return !pods.equals(spared.put(breaker, pods));
  }

  synchronized List<BreakerEvaluation> evaluations() {
    return new ArrayList<>(evaluations.values());
  }

  /** @return true when the pod had no dry-run decision yet: worth an Event */
  synchronized boolean recordDryRun(DryRunDecision decision) {
    boolean known = dryRun.removeIf(d -> d.pod.equals(decision.pod));
    dryRun.addFirst(decision);
    while (dryRun.size() > MAX_DRY_RUN_DECISIONS) {
      dryRun.removeLast();
    }
    return !known;
  }

  synchronized void clearDryRun() {
    dryRun.clear();
  }

  synchronized List<DryRunDecision> dryRunDecisions() {
    return new ArrayList<>(dryRun);
  }

  /** A reason the BreakerConfig cannot run (invalid spec, unknown detector), or null. */
  synchronized void problem(String reason, String message) {
    this.problemReason = reason;
    this.problem = message;
  }

  synchronized String problem() {
    return problem;
  }

  synchronized String problemReason() {
    return problemReason;
  }

  synchronized void conflict(boolean conflict, String message) {
    this.conflict = conflict;
    this.conflictMessage = message;
  }

  synchronized boolean conflict() {
    return conflict;
  }

  synchronized String conflictMessage() {
    return conflictMessage;
  }

  /**
   * What the activator is waiting on for a pod (null clears it).
   *
   * @return true when the message is new: worth an Event
   */
  synchronized boolean activatorMessage(String pod, String message) {
    return message == null ? activatorMessages.remove(pod) != null
        : !message.equals(activatorMessages.put(pod, message));
  }

  synchronized String activatorMessage(String pod) {
    return activatorMessages.get(pod);
  }

  synchronized Instant lastStatusWrite() {
    return lastStatusWrite;
  }

  synchronized void statusWritten(Instant when) {
    lastStatusWrite = when;
  }
}
