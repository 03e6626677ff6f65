package io.kubervisor.analysis;

/** The query failed or its answer is unusable; the message is meant for the user's status. */
public class PrometheusQueryException extends RuntimeException {

  public PrometheusQueryException(String message) {
    super(message);
  }

  public PrometheusQueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
