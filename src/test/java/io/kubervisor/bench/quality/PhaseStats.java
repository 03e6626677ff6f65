package io.kubervisor.bench.quality;

import java.util.Arrays;
import java.util.List;

/**
 * What clients saw in one phase of a run, by the time each request was sent.
 *
 * @param errorRate null when the phase held no request
 * @param p99Millis the 99th percentile of the latency clients saw, failed requests included (nearest rank)
 */
record PhaseStats(String phase, double fromSeconds, double toSeconds, long requests, long errors, Double errorRate,
    Double p99Millis) {

  static PhaseStats of(String phase, double fromSeconds, double toSeconds, List<ClientLog.Request> requests) {
    long errors = requests.stream().filter(ClientLog.Request::failed).count();
    if (requests.isEmpty()) {
      return new PhaseStats(phase, fromSeconds, toSeconds, 0, 0, null, null);
    }
    long[] latencies = requests.stream().mapToLong(ClientLog.Request::latency).toArray();
    Arrays.sort(latencies);
    int rank = (int) Math.ceil(0.99 * latencies.length) - 1;
    return new PhaseStats(phase, fromSeconds, toSeconds, requests.size(), errors, (double) errors / requests.size(),
        latencies[Math.max(0, rank)] / 1e6);
  }
}
