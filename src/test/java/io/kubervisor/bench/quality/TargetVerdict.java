package io.kubervisor.bench.quality;

/**
 * One target of the decision-quality issue against what was measured.
 *
 * @param pass null when it could not be judged (a policy or a scenario not run)
 */
record TargetVerdict(String target, String measured, Boolean pass) {

  String verdict() {
    return pass == null ? "not judged" : pass ? "pass" : "FAIL";
  }
}
