package io.kubervisor.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A pod as the pod informer reads it: Jackson skips, without building them, the parts {@link CachedPod} never reads
 * (the spec, the managed fields, the containers' statuses), most of a pod's JSON. The first LIST of 10,000 pods then
 * builds a fraction of the objects on one CPU at start-up. Never written back: the cache keeps {@link CachedPod}s.
 */
@Group("")
@Version("v1")
@Kind("Pod")
@Plural("pods")
@JsonIgnoreProperties({"spec"})
public final class WatchedPod extends Pod {

  @Override
  @JsonIgnoreProperties({"managedFields"})
  public void setMetadata(ObjectMeta metadata) {
    super.setMetadata(metadata);
  }

  @Override
  @JsonIgnoreProperties({"containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses"})
  public void setStatus(PodStatus status) {
    super.setStatus(status);
  }

  /** The informer's LIST of them. */
  public static final class List extends DefaultKubernetesResourceList<WatchedPod> {}
}
