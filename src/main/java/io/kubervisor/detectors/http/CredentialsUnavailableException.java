package io.kubervisor.detectors.http;

/**
 * A detector's Secret, ConfigMap or key is missing, unreadable or unusable, so the detector is not called. The message
 * names the object and the key, never a value.
 */
public class CredentialsUnavailableException extends RuntimeException {

  public CredentialsUnavailableException(String message) {
    super(message);
  }
}
