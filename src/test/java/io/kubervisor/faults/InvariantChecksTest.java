package io.kubervisor.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerConfigStatus;
import io.kubervisor.api.v1alpha1.PodStatus;
import io.kubervisor.cluster.TrafficLabels;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The invariants' checks against a world built event by event, on a clock the test moves. */
@Tag("faults")
class InvariantChecksTest {

  private static final Limits LIMITS = new Limits(Duration.ofSeconds(1), Duration.ofSeconds(2));
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final ObservedState state = new ObservedState();
  private final Breaches breaches = new Breaches();
  private final Outages outages = new Outages();

  @Test
  void theFloorArmsOnceReachedThenCountsEachEpisodeBelowItOnce() {
    FloorInvariant floor = new FloorInvariant();
    supervised(10, 5);
    endpoints(4);
    floor.check(state, T0, breaches);
    assertThat(floor.armed()).as("a fleet still joining traffic is not below the floor").isFalse();

    endpoints(10);
    check(floor, 1);
    endpoints(4);
    check(floor, 2);
    endpoints(3);
    check(floor, 3);
    endpoints(6);
    check(floor, 4);
    endpoints(4);
    check(floor, 5);

    assertThat(breaches.all()).hasSize(2).allMatch(breach -> breach.invariant().equals(FloorInvariant.NAME));
    assertThat(floor.lowest()).isEqualTo(new FloorInvariant.Lowest(3, 5, T0.plusSeconds(3)));
  }

  @Test
  void aScaleDownLowersTheFloorBeforeTheOperatorWritesIt() {
    FloorInvariant floor = new FloorInvariant();
    supervised(10, 5);
    endpoints(10);
    check(floor, 0);
    state.deployment(new DeploymentBuilder().withNewSpec().withReplicas(6).endSpec().build());
    endpoints(4);
    check(floor, 1);

    assertThat(breaches.all()).as("4 of 6, with the status still saying 5 of 10").isEmpty();
  }

  @Test
  void aPodOutWithoutAReasonIsABreachAtOnce() {
    NextStepInvariant nextStep = new NextStepInvariant(LIMITS, outages);
    supervised(3, 2);
    state.pod("web-a", pod("web-a", TrafficLabels.NO, Map.of(TrafficLabels.BROKEN_AT, T0.toString())));

    check(nextStep, 0);

    assertThat(breaches.all()).singleElement().extracting(Breach::subject).isEqualTo("web-a reason");
  }

  @Test
  void aPodOutGetsItsNextStepWithinTheGraceAndIsBackByItsDueTime() {
    NextStepInvariant nextStep = new NextStepInvariant(LIMITS, outages);
    supervised(3, 2);
    state.pod("web-a", brokenAt("web-a", T0));
    check(nextStep, 2);
    assertThat(nextStep.settled()).as("within the grace, the status may lag").isFalse();

    statusListing(brokenEntry("web-a", T0, T0.plusSeconds(10)));
    check(nextStep, 3);
    check(nextStep, 13);
    assertThat(breaches.all()).isEmpty();
    assertThat(nextStep.settled()).isTrue();

    check(nextStep, 14);
    assertThat(breaches.all()).singleElement().extracting(Breach::subject).isEqualTo("web-a stranded");
  }

  @Test
  void aNextStepMissingForLessThanTheGraceIsNoBreachButForLongerItIs() {
    NextStepInvariant nextStep = new NextStepInvariant(LIMITS, outages);
    supervised(3, 2);
    state.pod("web-a", brokenAt("web-a", T0));
    statusListing(brokenEntry("web-a", T0, T0.plusSeconds(10)));
    check(nextStep, 1);
    // At its due time, a status written a moment after the activator looked has no due time any more.
    statusListing(brokenEntry("web-a", T0, null));
    check(nextStep, 10);
    check(nextStep, 13);
    assertThat(breaches.all()).isEmpty();

    check(nextStep, 14);
    assertThat(breaches.all()).singleElement().extracting(Breach::subject).isEqualTo("web-a next step");
  }

  @Test
  void withoutAStatusPastTheGraceAPodOutIsABreach() {
    NextStepInvariant nextStep = new NextStepInvariant(LIMITS, outages);
    supervised(3, 2);
    state.pod("web-a", brokenAt("web-a", T0));
    check(nextStep, 0);
    check(nextStep, 4);

    assertThat(breaches.all()).singleElement().extracting(Breach::subject).isEqualTo("web-a next step");
  }

  @Test
  void whileTheOperatorIsAwayTheStatusMayLagAndItsGraceStartsAgainWhenItIsBack() {
    NextStepInvariant nextStep = new NextStepInvariant(LIMITS, outages);
    supervised(3, 2);
    outages.begin(Outage.OPERATOR);
    state.pod("web-a", brokenAt("web-a", T0));
    check(nextStep, 0);
    check(nextStep, 60);
    outages.end(Outage.OPERATOR, T0.plusSeconds(60));
    check(nextStep, 62);
    assertThat(breaches.all()).isEmpty();

    check(nextStep, 64);
    assertThat(breaches.all()).singleElement().extracting(Breach::subject).isEqualTo("web-a next step");
  }

  @Test
  void aReadyPodWithoutTheLabelMustBeAReadyEndpointWithinTheGrace() {
    ServedInvariant served = new ServedInvariant(LIMITS, outages);
    supervised(3, 2);
    endpoints(3);
    state.pod("web-new", pod("web-new", null, Map.of()));
    check(served, 0);
    check(served, 3);
    assertThat(breaches.all()).isEmpty();

    check(served, 4);
    assertThat(breaches.all()).singleElement().extracting(Breach::subject).isEqualTo("web-new");
  }

  @Test
  void noServingCheckWhileTheControlPlaneIsAway() {
    ServedInvariant served = new ServedInvariant(LIMITS, outages);
    supervised(3, 2);
    outages.begin(Outage.CONTROL_PLANE);
    state.pod("web-new", pod("web-new", TrafficLabels.YES, Map.of()));
    check(served, 0);
    check(served, 30);
    outages.end(Outage.CONTROL_PLANE, T0.plusSeconds(30));
    check(served, 33);

    assertThat(breaches.all()).isEmpty();
  }

  @Test
  void annotationsLeftOnAPodOfADeletedBreakerConfigAreABreachPastTheMargin() {
    CleanDeletionInvariant clean = new CleanDeletionInvariant(BreakerConfigs.NAME, LIMITS);
    supervised(3, 2);
    state.pod("web-a", pod("web-a", TrafficLabels.YES, Map.of(TrafficLabels.RESTORED_AT, T0.toString())));
    state.breakerConfig(null, T0);
    check(clean, 2);
    assertThat(breaches.all()).isEmpty();

    check(clean, 3);
    assertThat(breaches.all()).singleElement().extracting(Breach::detail).asString()
        .contains(TrafficLabels.RESTORED_AT);
  }

  private void check(Invariant invariant, int secondsAfterT0) {
    invariant.check(state, T0.plusSeconds(secondsAfterT0), breaches);
  }

  /** A Deployment of {@code replicas}, its Service, and a BreakerConfig whose status gives {@code floor}. */
  private void supervised(int replicas, int floor) {
    state.deployment(new DeploymentBuilder().withNewSpec().withReplicas(replicas).endSpec().build());
    state.service(new ServiceBuilder().withNewSpec()
        .withSelector(Map.of("app", "web", TrafficLabels.TRAFFIC, TrafficLabels.YES)).endSpec().build());
    BreakerConfig config = BreakerConfigs.external("ns", "http://127.0.0.1:1/", Duration.ofSeconds(1),
        "{mode: periodic, period: 10s}");
    config.setStatus(new BreakerConfigStatus());
    config.getStatus().floor = floor;
    state.breakerConfig(config, T0);
  }

  private void statusListing(PodStatus... pods) {
    BreakerConfig config = state.breakerConfig().orElseThrow();
    config.getStatus().pods = List.of(pods);
    state.breakerConfig(config, T0);
  }

  /** One slice whose ready endpoints are the pods web-0 to web-(n-1). */
  private void endpoints(int ready) {
    state.slice("web-slice", new EndpointSliceBuilder().withEndpoints(IntStream.range(0, ready)
        .mapToObj(i -> new EndpointBuilder().withAddresses("10.244.0." + i).withNewTargetRef().withName("web-" + i)
            .endTargetRef().withNewConditions().withReady(true).endConditions().build())
        .toList()).build());
  }

  private static Pod brokenAt(String name, Instant at) {
    return pod(name, TrafficLabels.NO, Map.of(TrafficLabels.BROKEN_AT, at.toString(), TrafficLabels.REASON,
        "named by the detector"));
  }

  /** @param nextRetry null for none */
  private static PodStatus brokenEntry(String name, Instant since, Instant nextRetry) {
    PodStatus status = new PodStatus();
    status.name = name;
    status.state = PodStatus.State.Broken;
    status.since = since.toString();
    status.nextRetry = nextRetry == null ? null : nextRetry.toString();
    return status;
  }

  /** A Running and Ready pod of the Service; {@code traffic} null for none. */
  private static Pod pod(String name, String traffic, Map<String, String> annotations) {
    Map<String, String> labels = new HashMap<>(Map.of("app", "web"));
    if (traffic != null) {
      labels.put(TrafficLabels.TRAFFIC, traffic);
    }
    return new PodBuilder()
        .withNewMetadata().withName(name).withLabels(labels).withAnnotations(annotations).endMetadata()
        .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
        .endStatus()
        .build();
  }
}
