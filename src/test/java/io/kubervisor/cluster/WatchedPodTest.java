package io.kubervisor.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class WatchedPodTest {

  private static final String POD = """
      {"apiVersion": "v1", "kind": "Pod",
       "metadata": {"name": "web-1", "namespace": "shop", "uid": "u1", "resourceVersion": "42",
         "labels": {"app": "web", "kubervisor/traffic": "yes"},
         "annotations": {"kubervisor/breakerconfig": "web", "other": "x"},
         "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7d9", "uid": "r1",
           "controller": true}],
         "managedFields": [{"manager": "kubelet", "operation": "Update", "fieldsType": "FieldsV1",
           "fieldsV1": {"f:status": {"f:conditions": {}}}}]},
       "spec": {"containers": [{"name": "web", "image": "nginx", "resources": {"limits": {"cpu": "1"}}}],
         "tolerations": [{"key": "a", "operator": "Exists"}]},
       "status": {"phase": "Running",
         "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": "2026-12-02T10:00:00Z"}],
         "containerStatuses": [{"name": "web", "ready": true, "restartCount": 0, "image": "nginx",
           "imageID": "x", "state": {"running": {"startedAt": "2026-12-02T10:00:00Z"}}}]}}
      """;

  @Test
  void keepsWhatTheCacheReadsAndSkipsTheRest() {
    WatchedPod pod = new KubernetesSerialization().unmarshal(POD, WatchedPod.class);

    assertThat(pod.getSpec()).isNull();
    assertThat(pod.getMetadata().getManagedFields()).isEmpty();
    assertThat(pod.getStatus().getContainerStatuses()).isEmpty();
    assertThat(pod.getAdditionalProperties()).isEmpty();
    assertThat(CachedPod.of(pod)).isEqualTo(CachedPod.of(new KubernetesSerialization().unmarshal(POD, Pod.class)));
  }

  @Test
  void watchEventsOfAClientThatRegisteredItAreReadAsWatchedPods() {
    KubernetesSerialization serialization = new KubernetesSerialization();
    serialization.registerKubernetesResource(WatchedPod.class);

    WatchEvent event = serialization.unmarshal("{\"type\": \"MODIFIED\", \"object\": " + POD + "}",
        WatchEvent.class);

    assertThat(event.getObject()).isInstanceOf(WatchedPod.class);
    assertThat(((WatchedPod) event.getObject()).getSpec()).isNull();
    assertThat(new KubernetesSerialization().unmarshal(POD, Pod.class).getSpec()).isNotNull();
  }
}
