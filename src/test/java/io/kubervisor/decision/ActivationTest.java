package io.kubervisor.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.activator.ActivatorAction;
import io.kubervisor.api.v1alpha1.ActivatorSpec;
import io.kubervisor.api.v1alpha1.ActivatorSpec.ActivatorMode;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The activator's part of a pass, against an injected clock. */
class ActivationTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  static BreakerRules rules(ActivatorMode mode) {
    ActivatorSpec spec = new ActivatorSpec();
    spec.mode = mode;
    spec.period = "10s";
    spec.maxRetryCount = 3;
    return new BreakerRules("errors", 1, 50, spec);
  }

  static PodView broken(String name, int retries, long secondsAgo) {
    return new PodView(name, State.Broken, true, "errors", NOW.minusSeconds(secondsAgo), retries, null, false);
  }

  static PodView inTraffic(String name) {
    return new PodView(name, State.InTraffic, true, null, null, 0, null, false);
  }

  @Test
  void aPodIsRestoredWhenDueAndTheNextDueTimeIsKnown() {
    Activation.Plan plan = Activation.decide(new FleetView(3, List.of(broken("a", 1, 11), broken("b", 1, 4),
        inTraffic("c"))), Map.of("errors", rules(ActivatorMode.periodic)), NOW);

    assertThat(plan.steps()).singleElement().satisfies(step -> {
      assertThat(step.pod().name()).isEqualTo("a");
      assertThat(step.action()).isInstanceOf(ActivatorAction.Restore.class);
    });
    assertThat(plan.nextDue()).isEqualTo(NOW.plusSeconds(6));
  }

  @Test
  void podsOfAnotherBreakerOrBreakerConfigAreLeftAlone() {
    PodView other = new PodView("x", State.Broken, true, "latency", NOW.minusSeconds(60), 1, null, false);
    PodView foreign = new PodView("y", State.Broken, true, null, null, 0, null, false);

    Activation.Plan plan = Activation.decide(new FleetView(2, List.of(other, foreign)),
        Map.of("errors", rules(ActivatorMode.periodic)), NOW);

    assertThat(plan.steps()).isEmpty();
  }

  @Test
  void killsWaitWhileTheFleetMissesAsManyPodsAsTheFloorAllows() {
    // 10 desired, floor 5: five pods out and due to be killed, all Ready. Five may go; the replacements come next.
    List<PodView> pods = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pods.add(broken("bad-" + i, 4, 60));
      pods.add(inTraffic("good-" + i));
    }
    Activation.Plan first = Activation.decide(new FleetView(10, pods), Map.of("errors",
        rules(ActivatorMode.retryAndKill)), NOW);
    assertThat(first.steps()).hasSize(5).allSatisfy(s -> assertThat(s.action()).isInstanceOf(ActivatorAction.Kill.class));

    // Three pods gone and not replaced yet, four more due: two may go, two wait for the replacements.
    List<PodView> later = new ArrayList<>(List.of(inTraffic("good-0"), inTraffic("good-1"), inTraffic("good-2")));
    for (int i = 5; i < 9; i++) {
      later.add(broken("bad-" + i, 4, 60));
    }
    Activation.Plan second = Activation.decide(new FleetView(10, later), Map.of("errors",
        rules(ActivatorMode.retryAndKill)), NOW);
    assertThat(second.steps()).extracting(s -> s.pod().name()).containsExactly("bad-5", "bad-6");
    assertThat(second.held()).containsOnlyKeys("bad-7", "bad-8").allSatisfy((pod, why) ->
        assertThat(why).contains("5 pod(s) of 10 are already missing"));
  }

  @Test
  void anUnreadyPodMayAlwaysBeKilledItIsMissingAlready() {
    PodView unready = new PodView("sick", State.Broken, false, "errors", NOW.minusSeconds(60), 4, null, false);
    List<PodView> pods = new ArrayList<>(List.of(unready));
    for (int i = 0; i < 5; i++) {
      pods.add(inTraffic("good-" + i));
    }

    Activation.Plan plan = Activation.decide(new FleetView(10, pods), Map.of("errors",
        rules(ActivatorMode.retryAndKill)), NOW);

    assertThat(plan.steps()).singleElement().satisfies(s -> assertThat(s.action()).isInstanceOf(
        ActivatorAction.Kill.class));
  }

  @Test
  void theDefaultBacksOffAndNeverKills() {
    BreakerRules defaults = new BreakerRules("errors", 1, 50, new ActivatorSpec());

    Activation.Plan plan = Activation.decide(new FleetView(2, List.of(broken("a", 9, 60), inTraffic("b"))),
        Map.of("errors", defaults), NOW);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.nextDue()).isEqualTo(NOW.minusSeconds(60).plus(java.time.Duration.ofMinutes(5)));
  }
}
