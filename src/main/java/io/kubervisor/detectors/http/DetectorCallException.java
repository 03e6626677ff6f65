package io.kubervisor.detectors.http;

/** A detector's HTTP call failed or its answer was refused (too large, an error status); the message is for users. */
public class DetectorCallException extends RuntimeException {

  public DetectorCallException(String message) {
    super(message);
  }

  public DetectorCallException(String message, Throwable cause) {
    super(message, cause);
  }
}
