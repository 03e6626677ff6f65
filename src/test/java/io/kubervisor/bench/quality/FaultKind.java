package io.kubervisor.bench.quality;

/** What a step's behaviour is in the trace's ground truth, against which isolations are judged. */
enum FaultKind {
  /** The pods' own fault: isolating them is right, leaving them in is a miss. */
  POD,
  /** A fault the whole fleet shares (a dependency down): isolating a pod helps nobody, so it is a false positive. */
  SHARED,
  /** Expected behaviour, such as a fresh pod warming up: isolating it is a false positive. */
  EXPECTED,
  /** Back to healthy. */
  NONE
}
