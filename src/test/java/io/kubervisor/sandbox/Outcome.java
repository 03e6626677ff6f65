package io.kubervisor.sandbox;

/** How one request ended, as its client saw it. */
public record Outcome(int code, double latencySeconds) {

  /** What a client gets when the Service has no ready endpoint: the connection is refused at once. */
  static final Outcome NO_ENDPOINT = new Outcome(503, 0);

  public boolean failed() {
    return code >= 500;
  }
}
