package io.kubervisor.it;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Installs the checked-in CRD, as a user would with kubectl apply, and waits until the API server serves it. */
public final class Crds {

  public static final Path BREAKER_CONFIG_CRD = Path.of("deploy/crd/breakerconfigs.kubervisor.io-v1.yml");

  private Crds() {}

  public static void install(KubernetesClient client) throws IOException {
    CustomResourceDefinition crd;
    try (InputStream in = Files.newInputStream(BREAKER_CONFIG_CRD)) {
      crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
    }
    client.resource(crd).forceConflicts().serverSideApply();
    await("CRD established").atMost(Duration.ofSeconds(30)).until(() -> {
      CustomResourceDefinition current = client.apiextensions().v1().customResourceDefinitions()
          .withName(crd.getMetadata().getName()).get();
      return current != null && current.getStatus() != null && current.getStatus().getConditions().stream()
          .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    });
  }
}
