package io.kubervisor.engine;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A 403 from the API server: the operator's service account lacks a permission. Retrying does not heal that, so the
 * refusal goes to the BreakerConfig's status (Ready=False, reason Forbidden) in the API server's own words.
 */
final class Forbidden {

  private Forbidden() {}

  static boolean is(KubernetesClientException e) {
    return e.getCode() == 403;
  }

  /** @param doing what was refused, as "change pods" */
  static String message(String doing, KubernetesClientException e) {
    String refusal = e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage();
    return "the operator may not " + doing + ": " + refusal
        + "; grant its service account the RBAC of deploy/helm/kubervisor";
  }
}
