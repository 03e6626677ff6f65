package io.kubervisor.bench.quality;

/** The pods' names where no Kubernetes names them: in front of the peers. */
final class PeerNames {

  private PeerNames() {}

  static String of(int index) {
    return "pod-" + index;
  }
}
