package io.kubervisor.sandbox;

import io.kubervisor.fixtures.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.api.v1alpha1.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Behaviour FAILING = new Behaviour(0.5, null, null);

  private final ManualClock clock = new ManualClock(T0);
  private final Map<String, Behaviour> behaviours = new LinkedHashMap<>();
  private final List<Mode> modes = new ArrayList<>();
  private final List<String> told = new ArrayList<>();

  private final ScenarioStep fail = new ScenarioStep(Duration.ofSeconds(10), PodSelection.of(List.of(1, 2)),
      FAILING, null, "two pods fail");
  private final ScenarioStep heal = new ScenarioStep(Duration.ofSeconds(20), PodSelection.ALL, Behaviour.HEALTHY,
      Mode.Enabled, "all heal");
  private final Scenario scenario = new Scenario("test", "a test", Path.of("bc.yaml"), null, 3, 100,
      Duration.ofSeconds(30), List.of(fail, heal));

  private final Timeline timeline = new Timeline(scenario, List.of("web-a", "web-b", "web-c"), new Timeline.World() {
    @Override
    public void behave(String pod, Behaviour behaviour) {
      behaviours.put(pod, behaviour);
    }

    @Override
    public void mode(Mode mode) {
      modes.add(mode);
    }

    @Override
    public List<String> pods() {
      return List.of("web-a", "web-c", "web-new");
    }
  }, clock, (at, what) -> told.add(at.toSeconds() + " " + what));

  @Test
  void stepsActOnTheirPodsAndRememberWhenEachBecameFaulty() {
    timeline.play();
    assertThat(timeline.next()).contains(fail);

    clock.advance(Duration.ofSeconds(10));
    timeline.apply(fail);

    assertThat(behaviours).containsOnlyKeys("web-b", "web-c").containsValue(FAILING);
    assertThat(timeline.faults()).isEqualTo(Map.of("web-b", T0.plusSeconds(10), "web-c", T0.plusSeconds(10)));
    assertThat(timeline.healed()).isEmpty();
    assertThat(timeline.next()).contains(heal);
    assertThat(told).last().isEqualTo("10 two pods fail [pods 1, 2 (web-b, web-c): 50% errors]");
  }

  @Test
  void aStepOnAllPodsActsOnThePodsOfNowAndTheFleetIsHealedWhenNoPodIsFaulty() {
    timeline.play();
    clock.advance(Duration.ofSeconds(10));
    timeline.apply(fail);
    clock.advance(Duration.ofSeconds(10));
    timeline.apply(heal);

    assertThat(behaviours).containsEntry("web-new", Behaviour.HEALTHY).containsEntry("web-c", Behaviour.HEALTHY)
        .containsEntry("web-b", FAILING);
    assertThat(modes).containsExactly(Mode.Enabled);
    // web-b is gone from the fleet: it no longer counts as faulty.
    assertThat(timeline.healed()).contains(T0.plusSeconds(20));
    assertThat(timeline.next()).isEmpty();
  }

  @Test
  void healedOnceEveryFaultyPodIsHealthyAgain() {
    timeline.play();
    timeline.apply(new ScenarioStep(Duration.ZERO, PodSelection.of(List.of(0)), FAILING, null, ""));
    clock.advance(Duration.ofSeconds(5));
    timeline.apply(new ScenarioStep(Duration.ofSeconds(5), PodSelection.of(List.of(0)), Behaviour.HEALTHY, null, ""));

    assertThat(timeline.healed()).contains(T0.plusSeconds(5));
  }
}
