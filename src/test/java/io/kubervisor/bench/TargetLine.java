package io.kubervisor.bench;

/**
 * One target of the scale issue against what was measured.
 *
 * @param met null when it could not be judged (a size or a measurement missing)
 * @param verdict "met", "missed by …", or why it could not be judged
 */
record TargetLine(String target, String measured, Boolean met, String verdict) {}
