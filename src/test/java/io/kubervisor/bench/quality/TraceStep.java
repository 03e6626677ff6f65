package io.kubervisor.bench.quality;

import io.kubervisor.sandbox.Behaviour;
import io.kubervisor.sandbox.PodSelection;
import java.time.Duration;

/**
 * One moment of a scenario's fault trace: some pods take a behaviour (the sandbox's model), start leaking, or start.
 *
 * @param leakPerSecond how fast the pods' leak gauge rises from then on, 0 for a steady gauge
 * @param starts whether the pods start serving at this step (they are not up before)
 * @param kind what the behaviour is in the ground truth
 */
record TraceStep(Duration at, PodSelection pods, Behaviour behaviour, double leakPerSecond, boolean starts,
    FaultKind kind, String say) {
}
