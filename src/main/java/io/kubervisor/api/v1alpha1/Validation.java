package io.kubervisor.api.v1alpha1;

/** Patterns shared by the schema of the API; the API server enforces them. */
final class Validation {
  /** A Go-style duration such as 500ms, 10s, 1m30s or 2h. */
  static final String DURATION = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";
  /** An RFC 1123 label, the form of a Service or breaker name. */
  static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  /**
   * Detectors call only http and https URLs, with a host and without user information: credentials belong in a
   * Secret ({@link HttpEndpoint}), where they never reach a status or a log.
   */
  static final String HTTP_URL = "^https?://[^\\s/?#@]+([/?#]\\S*)?$";
  /**
   * The same check as a rule, for a message people understand: the pattern alone would only quote the regex. The
   * pattern stays, for tools that read the schema offline.
   */
  static final String HTTP_URL_RULE = "self.matches(r'" + HTTP_URL + "')";
  static final String HTTP_URL_MESSAGE = "must be an http:// or https:// URL with a host, and no user:password@ (put"
      + " credentials in a Secret: authorization or basicAuth)";
  /** An RFC 1123 subdomain, the form of a Secret or ConfigMap name. */
  static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
  /** The form of a key in a Secret's or ConfigMap's data. */
  static final String CONFIG_KEY = "^[-._a-zA-Z0-9]+$";
  /** The rule that tls needs https names the URL field, so each {@link HttpEndpoint} states it with this message. */
  static final String TLS_MESSAGE = "tls applies to https URLs only";

  private Validation() {}
}
