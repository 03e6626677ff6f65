package io.kubervisor.cluster;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Objects that only name what a merge patch applies to. fabric8 sends a patch given as text for
 * {@code resource(stub)} straight away; for {@code withName(name)} it first GETs the object, a read per write for
 * nothing.
 */
public final class Stubs {

  private Stubs() {}

  public static <T extends HasMetadata> T named(T object, String namespace, String name) {
    ObjectMeta meta = new ObjectMeta();
    meta.setNamespace(namespace);
    meta.setName(name);
    object.setMetadata(meta);
    return object;
  }

  static Pod pod(String namespace, String name) {
    return named(new Pod(), namespace, name);
  }

  static Event event(String namespace, String name) {
    return named(new Event(), namespace, name);
  }
}
