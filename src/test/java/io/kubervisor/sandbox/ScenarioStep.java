package io.kubervisor.sandbox;

import io.kubervisor.api.v1alpha1.Mode;
import java.time.Duration;

/**
 * What happens at one moment of a scenario: some pods take a behaviour, or the BreakerConfig changes mode, or both.
 *
 * @param pods null when the step changes no pod's behaviour
 * @param mode null when the step leaves the mode alone
 * @param say what the step means, shown as it happens
 */
public record ScenarioStep(Duration at, PodSelection pods, Behaviour behaviour, Mode mode, String say) {
}
