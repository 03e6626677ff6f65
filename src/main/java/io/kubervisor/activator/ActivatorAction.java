package io.kubervisor.activator;

import java.time.Instant;

/** What the activator does with one pod at one tick. */
public sealed interface ActivatorAction {

  /** Nothing yet; {@code due} is when the activator will next act, or null if only a user can. */
  record Wait(Instant due) implements ActivatorAction {}

  /** Back to traffic; the retry count stays, so a pod that fails again stays out longer. */
  record Restore() implements ActivatorAction {}

  /** Back to traffic with a clean record: a user resumed a paused pod. */
  record Resume() implements ActivatorAction {}

  /** Out of traffic for investigation, until a user resumes it. */
  record Pause() implements ActivatorAction {}

  /** Broken too often: evict it (or delete it, if so configured) so its controller replaces it. */
  record Kill() implements ActivatorAction {}

  /** In traffic and healthy for resetAfter since it was restored: forget its old failures. */
  record ResetRetries() implements ActivatorAction {}
}
