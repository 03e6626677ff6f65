package io.kubervisor.api.v1alpha1;

/**
 * Condition types and reasons of {@link BreakerConfigStatus#conditions}. They are API: tools and alerts match on them,
 * so they are only ever added, never renamed. docs/conditions.md explains each one.
 */
public final class Conditions {

  /** True when the BreakerConfig is valid, its Service exists and its breakers run. */
  public static final String READY = "Ready";
  /** Whether the Service named in spec.service exists. */
  public static final String SERVICE_FOUND = "ServiceFound";
  /** False when a detector failed or returned no data at its last evaluation; nothing was changed then. */
  public static final String DETECTORS_HEALTHY = "DetectorsHealthy";
  /** True when anomalous pods were left in traffic because the floor forbade ejecting them. */
  public static final String FLEET_DEGRADED = "FleetDegraded";
  /** True when another BreakerConfig already supervises the same Service; this one does nothing. */
  public static final String CONFLICT = "Conflict";
  /**
   * True when every workload of the Service's pods (Deployment, StatefulSet, DaemonSet, ReplicaSet) has
   * {@code kubervisor/traffic: "yes"} in its pod template, so its new pods are born in traffic and never wait for the
   * operator; False names the workloads that lack it.
   */
  public static final String TEMPLATES_LABELLED = "TemplatesLabelled";

  /** Reasons: CamelCase words, as Kubernetes conventions ask. */
  public static final class Reasons {
    public static final String RUNNING = "Running";
    public static final String DISABLED = "Disabled";
    public static final String DRY_RUN = "DryRun";
    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String SERVICE_NOT_FOUND = "ServiceNotFound";
    public static final String SERVICE_EXISTS = "ServiceExists";
    public static final String DETECTOR_OK = "DetectorOK";
    public static final String DETECTOR_ERROR = "DetectorError";
    public static final String NO_DATA = "NoData";
    public static final String UNKNOWN_DETECTOR = "UnknownDetector";
    public static final String FLOOR_REACHED = "FloorReached";
    public static final String FLEET_HEALTHY = "FleetHealthy";
    public static final String SERVICE_CLAIMED = "ServiceClaimed";
    public static final String NO_CONFLICT = "NoConflict";
    /** TemplatesLabelled is True: new pods are born in traffic. */
    public static final String BORN_IN_TRAFFIC = "BornInTraffic";
    /** TemplatesLabelled is False: a workload's new pods join traffic only once the operator labels them. */
    public static final String TEMPLATE_LABEL_MISSING = "TemplateLabelMissing";
    /**
     * DetectorsHealthy: a Secret, ConfigMap or key that a detector's authorization, basicAuth or tls names is missing,
     * unreadable or unusable, so the detector was not called at all (never without its credentials).
     */
    public static final String CREDENTIALS_UNAVAILABLE = "CredentialsUnavailable";
    /**
     * Ready is False: the API server refused a call for lack of RBAC (HTTP 403); the message quotes it, naming the
     * verb and resource the operator's service account is missing.
     */
    public static final String FORBIDDEN = "Forbidden";
    /**
     * Ready is False: the last pass over the BreakerConfig failed with an unexpected error, which the message names;
     * nothing more was changed by that pass, and the next one tries again.
     */
    public static final String PASS_FAILED = "PassFailed";

    private Reasons() {}
  }

  private Conditions() {}
}
