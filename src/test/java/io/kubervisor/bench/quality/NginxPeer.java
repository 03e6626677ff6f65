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
 * Debian's nginx in front of every pod of the trace, with passive health checks as its documentation's example sets
 * them: a server that fails 3 attempts within 30 s is left alone for 30 s, and a request that gets a 5xx or an error
 * is passed to the next server.
 */
final class NginxPeer implements Policy {

  static final String SERVER_PARAMETERS = "max_fails=3 fail_timeout=30s";
  static final String NEXT_UPSTREAM = "error timeout http_500 http_502 http_503 http_504";

  private static final Path BINARY = Path.of("/usr/sbin/nginx");

  @Override
  public String name() {
    return "nginx";
  }

  @Override
  public String settings() {
    return "Debian's nginx, round robin over every pod; server " + SERVER_PARAMETERS + "; proxy_next_upstream "
        + NEXT_UPSTREAM + " (tries and timeout unlimited, the defaults); no upstream keep-alive (the default)";
  }

  @Override
  public PolicySession open(QualityScenario scenario, long seed, RunClock clock, Path runDir) throws IOException {
    // nginx resolves relative paths against its prefix, not against our working directory.
    Path dir = runDir.toAbsolutePath();
    QualityFleet fleet = QualityFleet.forPeers(scenario, seed, clock);
    try {
      int port = PodServer.freePort();
      Path config = Files.writeString(dir.resolve("nginx.conf"), config(fleet, port, dir));
      Path log = dir.resolve("nginx.log");
      PeerProcess nginx = PeerProcess.start(List.of(BINARY.toString(), "-p", dir.toString(), "-c", config.toString(),
          "-e", log.toString()), dir.resolve("nginx.out"), port);
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
          phrases.put("upstream server temporarily disabled", "a server marked unavailable (max_fails reached)");
          phrases.put("no live upstreams", "a request failed with no live upstream (502)");
          return LogCounts.of(log, phrases);
        }

        @Override
        public void close() {
          nginx.close();
          fleet.close();
        }
      };
    } catch (IOException | RuntimeException e) {
      fleet.close();
      throw e;
    }
  }

  private static String config(QualityFleet fleet, int port, Path dir) {
    String servers = IntStream.range(0, fleet.size())
        .mapToObj(index -> "    server 127.0.0.1:" + fleet.httpPort(index) + " " + SERVER_PARAMETERS + ";")
        .collect(Collectors.joining("\n"));
    return """
        daemon off;
        worker_processes 1;
        pid %1$s/nginx.pid;
        # warn: the level at which nginx says that it disabled a server.
        error_log %1$s/nginx.log warn;
        events {
          worker_connections 4096;
        }
        http {
          access_log off;
          client_body_temp_path %1$s/client_body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          upstream pods {
        %2$s
          }
          server {
            listen 127.0.0.1:%3$d;
            location / {
              proxy_pass http://pods;
              proxy_next_upstream %4$s;
            }
          }
        }
        """.formatted(dir, servers, port, NEXT_UPSTREAM);
  }
}
