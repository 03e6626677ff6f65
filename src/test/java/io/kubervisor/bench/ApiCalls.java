package io.kubervisor.bench;

import io.kubervisor.testing.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The operator's API calls received in a time range, from the API server's audit log, by verb and resource (such as
 * {@code list pods} or {@code patch breakerconfigs/status}). The log holds a call once it has ended, a watch at the
 * latest when the operator stops: read it after that, and watches count at the time they began.
 *
 * @param leaseWrites renewals of the leader's Lease
 * @param statusWrites writes of BreakerConfigs' status
 */
record ApiCalls(double seconds, Map<String, Integer> byVerbAndResource, int lists, int writes, int leaseWrites,
    int statusWrites) {

  static ApiCalls between(List<AuditLog.Entry> entries, String user, Instant from, Instant to) {
    List<AuditLog.Entry> calls = entries.stream()
        .filter(entry -> user.equals(entry.user()))
        .filter(entry -> !entry.requestReceivedTimestamp().isBefore(from)
            && entry.requestReceivedTimestamp().isBefore(to))
        .toList();
    Map<String, Integer> byVerbAndResource = new TreeMap<>();
    calls.forEach(call -> byVerbAndResource.merge(call.verb() + " " + resource(call), 1, Integer::sum));
    return new ApiCalls(Duration.between(from, to).toMillis() / 1000.0, byVerbAndResource,
        count(calls, call -> "list".equals(call.verb())),
        count(calls, AuditLog.Entry::isWrite),
        count(calls, call -> call.isWrite() && "leases".equals(call.resource())),
        count(calls, call -> call.isWrite() && "breakerconfigs".equals(call.resource())
            && "status".equals(call.subresource())));
  }

  double writesPerMinute() {
    return perMinute(writes);
  }

  /** Writes other than the Lease's renewals. */
  double otherWritesPerMinute() {
    return perMinute(writes - leaseWrites);
  }

  /** Writes other than the Lease's and the status': of pods, Events, finalizers. */
  int actionWrites() {
    return writes - leaseWrites - statusWrites;
  }

  private double perMinute(int count) {
    return seconds == 0 ? 0 : count * 60 / seconds;
  }

  private static String resource(AuditLog.Entry call) {
    // Discovery and health requests name a URL, not a resource.
    String resource = call.resource() == null ? "non-resource-url" : call.resource();
    return call.subresource() == null ? resource : resource + "/" + call.subresource();
  }

  private static int count(List<AuditLog.Entry> calls, Predicate<AuditLog.Entry> which) {
    return (int) calls.stream().filter(which).count();
  }
}
