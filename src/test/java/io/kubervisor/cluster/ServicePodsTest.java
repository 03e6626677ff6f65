package io.kubervisor.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import java.util.List;
import java.util.Map;
import static io.kubervisor.fixtures.TestPods.pod;
import org.junit.jupiter.api.Test;

class ServicePodsTest {

  static Service service(Map<String, String> selector) {
    return new ServiceBuilder().withNewMetadata().withName("web").withNamespace("ns").endMetadata()
        .withNewSpec().withSelector(selector).endSpec().build();
  }

  @Test
  void selectsByTheSelectorIgnoringTheTrafficKey() {
    Service service = service(Map.of("app", "web", TrafficLabels.TRAFFIC, TrafficLabels.YES));
    Pod out = pod("out", Map.of("app", "web", TrafficLabels.TRAFFIC, TrafficLabels.NO), true);
    Pod unlabelled = pod("new", Map.of("app", "web"), true);
    Pod other = pod("other", Map.of("app", "db", TrafficLabels.TRAFFIC, TrafficLabels.YES), true);

    assertThat(ServicePods.selected(service, List.of(out, unlabelled, other))).containsExactly(out, unlabelled);
  }

  @Test
  void aServiceWithoutItsOwnSelectorSelectsNothing() {
    Service onlyTraffic = service(Map.of(TrafficLabels.TRAFFIC, TrafficLabels.YES));
    assertThat(ServicePods.selected(onlyTraffic, List.of(pod("a", Map.of("app", "web"), true)))).isEmpty();
  }

  @Test
  void selectsAsItsSelectorMatches() {
    Service service = service(Map.of("app", "web", "tier", "front", TrafficLabels.TRAFFIC, TrafficLabels.YES));
    Service onlyTraffic = service(Map.of(TrafficLabels.TRAFFIC, TrafficLabels.YES));
    Service none = new ServiceBuilder().withNewMetadata().withName("web").endMetadata().build();
    Map<String, String> out = Map.of("app", "web", "tier", "front", TrafficLabels.TRAFFIC, TrafficLabels.NO);
    Map<String, String> otherTier = Map.of("app", "web", "tier", "back");

    for (Map<String, String> labels : List.of(out, otherTier, Map.of("app", "web"), Map.<String, String>of())) {
      assertThat(ServicePods.selects(service, labels)).as("%s", labels)
          .isEqualTo(ServicePods.matches(ServicePods.selector(service), labels));
    }
    assertThat(ServicePods.selects(service, out)).isTrue();
    assertThat(ServicePods.selects(service, null)).isFalse();
    assertThat(ServicePods.selects(onlyTraffic, out)).isFalse();
    assertThat(ServicePods.selects(none, out)).isFalse();
  }

  @Test
  void onlyRunningAndReadyPodsAreManaged() {
    assertThat(ServicePods.isManaged(pod("ready", Map.of(), true))).isTrue();
    assertThat(ServicePods.isManaged(pod("not-ready", Map.of(), false))).isFalse();
    Pod pending = pod("pending", Map.of(), true);
    pending.getStatus().setPhase("Pending");
    assertThat(ServicePods.isManaged(pending)).isFalse();
  }

  @Test
  void trafficStatesFromTheLabel() {
    assertThat(TrafficLabels.state(pod("a", Map.of(TrafficLabels.TRAFFIC, "yes"), true))).isEqualTo(State.InTraffic);
    assertThat(TrafficLabels.state(pod("b", Map.of(TrafficLabels.TRAFFIC, "no"), true))).isEqualTo(State.Broken);
    assertThat(TrafficLabels.state(pod("c", Map.of(TrafficLabels.TRAFFIC, "pause"), true))).isEqualTo(State.Paused);
    assertThat(TrafficLabels.state(pod("d", Map.of(TrafficLabels.TRAFFIC, "maybe"), true))).isEqualTo(State.Unknown);
    assertThat(TrafficLabels.state(pod("e", Map.of(), true))).isEqualTo(State.Unknown);
  }
}
