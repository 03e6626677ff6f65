package io.kubervisor.detectors.http;

/**
 * What a detector's references resolved to: the Authorization header value and the PEM CA bundle, each null when not
 * configured. {@link #toString()} never shows them.
 */
public record Credentials(String authorization, String caPem) {

  static final Credentials NONE = new Credentials(null, null);

  @Override
  public String toString() {
    return "Credentials[authorization=" + (authorization == null ? "none" : "***") + ", ca="
        + (caPem == null ? "none" : "set") + "]";
  }
}
