package io.kubervisor.backtest;

import java.time.Instant;

/**
 * One simulated decision.
 *
 * @param action break, restore, pause, kill or reset
 * @param breaker the breaker that took the pod out, or whose activator acted
 * @param value what the detector measured, for a break
 * @param threshold the bound the breaker judges by, for a break
 */
public record Decision(Instant time, String pod, String breaker, String action, String value, String threshold,
    String reason) {}
