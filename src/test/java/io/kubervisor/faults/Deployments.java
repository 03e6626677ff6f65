package io.kubervisor.faults;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Rollouts and scaling of a fleet's Deployment, and the wait until the Deployment says it has finished. */
final class Deployments {

  private Deployments() {}

  /** Starts a rollout as {@code kubectl rollout restart} does: a new annotation on the pod template. */
  static void restart(KubernetesClient client, String ns, String name) {
    client.apps().deployments().inNamespace(ns).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), """
        {"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"%s"}}}}}"""
        .formatted(Instant.now()));
  }

  static void scale(KubernetesClient client, String ns, String name, int replicas) {
    client.apps().deployments().inNamespace(ns).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"replicas\":" + replicas + "}}");
  }

  /** Waits until every replica runs the latest template and is available, and no other pod of it is left. */
  static void awaitRolledOut(KubernetesClient client, String ns, String name, Duration timeout) {
    await("Deployment " + ns + "/" + name + " rolled out").atMost(timeout).until(() -> {
      Deployment deployment = client.apps().deployments().inNamespace(ns).withName(name).get();
      Integer replicas = deployment.getSpec().getReplicas();
      DeploymentStatus status = deployment.getStatus();
      return status != null && Objects.equals(status.getObservedGeneration(), deployment.getMetadata().getGeneration())
          && Objects.equals(status.getUpdatedReplicas(), replicas) && Objects.equals(status.getReplicas(), replicas)
          && Objects.equals(status.getAvailableReplicas(), replicas);
    });
  }
}
