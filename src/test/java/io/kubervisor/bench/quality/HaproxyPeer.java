package io.kubervisor.bench.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Debian's HAProxy in front of every pod of the trace: it watches the answers (observe layer7) and marks a server
 * down after consecutive errors; active checks of {@code /healthz} bring it back.
 */
final class HaproxyPeer implements Policy {

  /**
   * error-limit 5, as Envoy's consecutive 5xx (HAProxy's own default, 10, is far stricter: at 50% errors, one request
   * in a thousand ends such a run); the rest are HAProxy's defaults.
   */
  static final String SERVER_PARAMETERS = "check inter 2s fall 3 rise 2 observe layer7 error-limit 5 on-error mark-down";

  private static final Path BINARY = Path.of("/usr/sbin/haproxy");

  @Override
  public String name() {
    return "haproxy";
  }

  @Override
  public String settings() {
    return "Debian's HAProxy, balance roundrobin, option httpchk GET /healthz, default-server " + SERVER_PARAMETERS
        + "; retries 3 with option redispatch (connection failures only, the default retry-on)";
  }

  @Override
  public PolicySession open(QualityScenario scenario, long seed, RunClock clock, Path dir) throws IOException {
    QualityFleet fleet = QualityFleet.forPeers(scenario, seed, clock);
    try {
      int port = PodServer.freePort();
      Path config = Files.writeString(dir.resolve("haproxy.cfg"), config(fleet, port));
      Path log = dir.resolve("haproxy.log");
      PeerProcess haproxy = PeerProcess.start(List.of(BINARY.toString(), "-db", "-f", config.toString()), log, port);
      HttpGet http = new HttpGet();
      return new PolicySession() {
        @Override
        public QualityFleet fleet() {
          return fleet;
        }

        @Override
        public Router router() {
          return () -> http.get(port);
        }

        @Override
        public List<String> notes() {
          Map<String, String> phrases = new LinkedHashMap<>();
          phrases.put(" is DOWN", "a server marked down");
          phrases.put(" is UP", "a server back up");
          phrases.put("has no server available", "the backend had no server left (clients get 503)");
          return LogCounts.of(log, phrases);
        }

        @Override
        public void close() {
          haproxy.close();
          fleet.close();
        }
      };
    } catch (IOException | RuntimeException e) {
      fleet.close();
      throw e;
    }
  }

  private static String config(QualityFleet fleet, int port) {
    String servers = IntStream.range(0, fleet.size())
        .mapToObj(index -> "  server " + PeerNames.of(index) + " 127.0.0.1:" + fleet.httpPort(index))
        .collect(Collectors.joining("\n"));
    return """
        global
          maxconn 4096
        defaults
          mode http
          timeout connect 1s
          timeout client 30s
          timeout server 30s
          retries 3
          option redispatch
        frontend web
          bind 127.0.0.1:%d
          default_backend pods
        backend pods
          balance roundrobin
          option httpchk GET /healthz
          default-server %s
        %s
        """.formatted(port, SERVER_PARAMETERS, servers);
  }
}
