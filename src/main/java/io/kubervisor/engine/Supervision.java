package io.kubervisor.engine;

import io.kubervisor.analysis.ConsecutiveCrossings;
import io.kubervisor.api.v1alpha1.BreakerConfigStatus;
import io.kubervisor.api.v1alpha1.BreakerEvaluation;
import io.kubervisor.api.v1alpha1.DryRunDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What this replica knows of one BreakerConfig beyond the cluster, while it leads: when its breakers last evaluated,
 * their last outcomes, threshold streaks, dry-run decisions, its own recent writes. Everything that must survive a
 * restart or a change of leader lives on the pods and in the status; this is rebuilt by the next passes.
 *
 * <p>One pass at a time holds a BreakerConfig ({@link #claim()}), so the pass state needs no lock: only the pass
 * holding the claim reads or writes it, and the claim's release hands it to the next one.
 */
final class Supervision {

  /** Dry-run decisions kept in the status: the latest per pod, up to this many pods. */
  static final int MAX_DRY_RUN_DECISIONS = 50;
  /** Log topics about one pod: "write/" followed by its name. */
  static final String POD_TOPIC = "write/";
  /** How long a write the API server refused is shown after the last refusal. */
  static final Duration REFUSAL_SHOWN_FOR = Duration.ofMinutes(2);

  final String namespace;
  final String name;

  // The claim and the schedule: the dispatcher and the passes share these, and only these.
  private final AtomicBoolean inFlight = new AtomicBoolean();
  private volatile boolean wanted = true;
  private volatile Instant nextPass = Instant.EPOCH;

  // Read by metrics and JMX on other threads; written by the passes.
  /** Registered in JMX. */
  volatile boolean shown;
  volatile BreakerConfigStatus lastStatus;
  volatile long passes;
  volatile long evaluations;
  volatile long detectorErrors;
  volatile Instant lastEvaluation;
  volatile long lastPassMillis;

  // The pass state: only the pass holding the claim touches it.
  final Map<String, Instant> evaluatedAt = new HashMap<>();
  final Map<String, BreakerEvaluation> outcomes = new TreeMap<>();
  final Map<String, ConsecutiveCrossings> streaks = new HashMap<>();
  final Map<String, String> activatorMessages = new TreeMap<>();
  /** The anomalous pods the floor kept in traffic at the last evaluation. */
  List<String> spared = List.of();
  /** Why the last pass failed, or null. */
  String failure;
  final OwnWrites ownWrites = new OwnWrites();
  private final Deque<DryRunDecision> dryRun = new ArrayDeque<>();
  private final Map<String, String> logged = new HashMap<>();
  String problem;
  String problemReason;
  String conflict;
  private String refusal;
  private Instant refusedAt;
  String writtenStatus;
  Instant statusWrittenAt = Instant.EPOCH;

  Supervision(String namespace, String name) {
    this.namespace = namespace;
    this.name = name;
  }

  String key() {
    return Supervisions.key(namespace, name);
  }

  // --- the claim ---

  /** True when a pass is due: wanted by a change, or its next evaluation or activator step has come. */
  boolean due(Instant now) {
    return !inFlight.get() && (wanted || !now.isBefore(nextPass));
  }

  /** Takes the BreakerConfig for one pass; false when a pass holds it already. */
  boolean claim() {
    if (!inFlight.compareAndSet(false, true)) {
      return false;
    }
    wanted = false;
    return true;
  }

  /** Ends the pass: the next one runs at {@code next}, or at once if a change came meanwhile. */
  void release(Instant next) {
    nextPass = next;
    inFlight.set(false);
  }

  /** A change concerns this BreakerConfig: a pass runs at the next dispatch, or right after the one in flight. */
  void want() {
    wanted = true;
  }

  // --- the pass state ---

  /**
   * Whether a message on a topic is news, so a condition that lasts is logged once, not every pass. A null message
   * clears the topic.
   */
  boolean news(String topic, String message) {
    if (message == null) {
      logged.remove(topic);
      return false;
    }
    return !message.equals(logged.put(topic, message));
  }

  /** Forgets what was logged about pods that are no longer the Service's. */
  void retainPods(Set<String> pods) {
    logged.keySet().removeIf(topic -> topic.startsWith(POD_TOPIC)
        && !pods.contains(topic.substring(POD_TOPIC.length())));
  }

  /** The API server refused a write for lack of RBAC; shown until REFUSAL_SHOWN_FOR passes without another. */
  boolean refused(String message, Instant at) {
    boolean news = !message.equals(refusal(at));
    refusal = message;
    refusedAt = at;
    return news;
  }

  String refusal(Instant now) {
    return refusedAt != null && now.isBefore(refusedAt.plus(REFUSAL_SHOWN_FOR)) ? refusal : null;
  }

  /** Forgets what belongs to breakers that are gone. */
  void retainBreakers(Set<String> breakers) {
    evaluatedAt.keySet().retainAll(breakers);
    outcomes.keySet().retainAll(breakers);
    streaks.keySet().retainAll(breakers);
  }

  /** The breakers stop (Disabled, a problem, leadership moved): their streaks and schedule start over. */
  void stopBreakers() {
    retainBreakers(Set.of());
  }

  /** @return true when the pod had no dry-run decision yet: worth an Event */
  boolean recordDryRun(DryRunDecision decision) {
    boolean known = dryRun.removeIf(d -> d.pod.equals(decision.pod));
    dryRun.addFirst(decision);
    while (dryRun.size() > MAX_DRY_RUN_DECISIONS) {
      dryRun.removeLast();
    }
    return !known;
  }

  void clearDryRun() {
    dryRun.clear();
  }

  List<DryRunDecision> dryRunDecisions() {
    return new ArrayList<>(dryRun);
  }

  /**
   * What the activator is waiting on for a pod (null clears it).
   *
   * @return true when the message is new: worth an Event
   */
  boolean activatorMessage(String pod, String message) {
    return message == null ? activatorMessages.remove(pod) != null
        : !Objects.equals(message, activatorMessages.put(pod, message));
  }
}
