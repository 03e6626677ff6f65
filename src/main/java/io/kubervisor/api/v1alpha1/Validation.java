package io.kubervisor.api.v1alpha1;

/** Patterns shared by the schema of the API; the API server enforces them. */
final class Validation {
  /** A Go-style duration such as 500ms, 10s, 1m30s or 2h. */
  static final String DURATION = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";
  /** An RFC 1123 label, the form of a Service or breaker name. */
  static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  /** Only plain HTTP(S) endpoints are called by detectors. */
  static final String HTTP_URL = "^https?://.+";

  private Validation() {}
}
