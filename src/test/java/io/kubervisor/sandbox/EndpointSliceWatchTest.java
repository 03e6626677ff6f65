package io.kubervisor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointSliceWatchTest {

  @Test
  void readyEndpointsAreThoseNotMarkedUnreadyAcrossEverySlice() {
    EndpointSlice first = slice(endpoint("web-a", true), endpoint("web-b", false), endpoint("web-c", null));
    EndpointSlice second = slice(endpoint("web-d", true), endpoint("web-a", true), endpoint(null, true));

    assertThat(EndpointSliceWatch.readyPods(List.of(first, second))).containsExactly("web-a", "web-c", "web-d");
  }

  @Test
  void aSliceWithoutEndpointsHasNone() {
    assertThat(EndpointSliceWatch.readyPods(List.of(new EndpointSliceBuilder().build()))).isEmpty();
  }

  private static EndpointSlice slice(Endpoint... endpoints) {
    return new EndpointSliceBuilder().withEndpoints(endpoints).build();
  }

  /** @param ready null for an endpoint without the condition */
  private static Endpoint endpoint(String pod, Boolean ready) {
    EndpointBuilder endpoint = new EndpointBuilder().withAddresses("10.244.0.1");
    if (pod != null) {
      endpoint.withNewTargetRef().withKind("Pod").withName(pod).endTargetRef();
    }
    if (ready != null) {
      endpoint.withNewConditions().withReady(ready).endConditions();
    }
    return endpoint.build();
  }
}
