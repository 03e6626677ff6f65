package io.kubervisor.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** A resource the cache saw added, updated, resynced or deleted. */
public record ResourceChange(HasMetadata resource, boolean deleted) {

  public String namespace() {
    return resource.getMetadata().getNamespace();
  }

  public String name() {
    return resource.getMetadata().getName();
  }
}
