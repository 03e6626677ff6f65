package io.kubervisor.sandbox;

import io.kubervisor.api.v1alpha1.Mode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays a scenario's steps at their times, and remembers what the summary measures against: when each pod became
 * faulty, and when no pod was faulty any more.
 */
final class Timeline implements AutoCloseable {

  /** What the steps act on. */
  interface World {
    void behave(String pod, Behaviour behaviour);

    void mode(Mode mode);

    /** The fleet's pods now, for a step on all pods. */
    List<String> pods();
  }

  /** Tells what happened, at its time from the start. */
  interface Listener {
    void happened(Duration at, String what);
  }

  private final Scenario scenario;
  private final List<String> podsAtStart;
  private final World world;
  private final Clock clock;
  private final Listener listener;
  private final Map<String, Instant> faults = new LinkedHashMap<>();
  private final Set<String> faulty = new HashSet<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "scenario");
    thread.setDaemon(true);
    return thread;
  });
  private Instant start;
  private Instant healed;
  private int applied;

  /** @param podsAtStart the fleet's pods sorted by name, which steps pick by index */
  Timeline(Scenario scenario, List<String> podsAtStart, World world, Clock clock, Listener listener) {
    this.scenario = scenario;
    this.podsAtStart = List.copyOf(podsAtStart);
    this.world = world;
    this.clock = clock;
    this.listener = listener;
  }

  /** Starts the clock and schedules every step. */
  synchronized void play() {
    start = clock.instant();
    listener.happened(Duration.ZERO, "scenario " + scenario.name() + " starts: " + scenario.description());
    for (ScenarioStep step : scenario.steps()) {
      scheduler.schedule(() -> {
        try {
          apply(step);
        } catch (RuntimeException e) {
          listener.happened(step.at(), "the step \"" + step.say() + "\" failed: " + e);
        }
      }, step.at().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  synchronized void apply(ScenarioStep step) {
    Instant now = clock.instant();
    StringBuilder what = new StringBuilder(step.say().isEmpty() ? "step" : step.say());
    if (step.pods() != null) {
      List<String> pods = step.pods().resolve(podsAtStart, world.pods());
      pods.forEach(pod -> behave(pod, step.behaviour(), now));
      String target = step.pods().all() ? step.pods().toString()
          : step.pods() + " (" + String.join(", ", pods) + ")";
      what.append(" [").append(target).append(": ").append(step.behaviour().describe()).append(']');
    }
    if (step.mode() != null) {
      world.mode(step.mode());
      what.append(" [BreakerConfig mode ").append(step.mode()).append(']');
    }
    // A faulty pod that was killed is no longer a fault of the fleet.
    faulty.retainAll(world.pods());
    if (!faults.isEmpty() && faulty.isEmpty() && healed == null) {
      healed = now;
    }
    applied++;
    listener.happened(Duration.between(start, now), what.toString());
  }

  private void behave(String pod, Behaviour behaviour, Instant now) {
    world.behave(pod, behaviour);
    if (behaviour.faulty()) {
      faults.putIfAbsent(pod, now);
      faulty.add(pod);
    } else {
      faulty.remove(pod);
    }
  }

  /** When {@link #play()} started the clock. */
  synchronized Instant start() {
    return start;
  }

  /** When each pod that became faulty first did, in order. */
  synchronized Map<String, Instant> faults() {
    return Map.copyOf(faults);
  }

  /** When no pod of the fleet was faulty any more after the first fault, if that happened. */
  synchronized Optional<Instant> healed() {
    return Optional.ofNullable(healed);
  }

  /** The next step to play, if any. */
  synchronized Optional<ScenarioStep> next() {
    return scenario.steps().stream().skip(applied).findFirst();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
