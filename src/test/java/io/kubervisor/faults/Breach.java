package io.kubervisor.faults;

import java.time.Instant;

/** One breach of an invariant: which, about what (a pod, the floor), when it began, and what was seen. */
public record Breach(String invariant, String subject, Instant at, String detail) {

  @Override
  public String toString() {
    return at + " " + invariant + " (" + subject + "): " + detail;
  }
}
