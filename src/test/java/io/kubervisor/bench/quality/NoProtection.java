package io.kubervisor.bench.quality;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/** No protection: clients spread their requests over every pod that is up, as kube-proxy does with no ejection. */
final class NoProtection implements Policy {

  @Override
  public String name() {
    return "none";
  }

  @Override
  public String settings() {
    return "each request to a random pod among those started (kube-proxy with readiness, nothing ejected)";
  }

  @Override
  public PolicySession open(QualityScenario scenario, long seed, RunClock clock, Path dir) throws IOException {
    QualityFleet fleet = QualityFleet.forPeers(scenario, seed, clock);
    HttpGet http = new HttpGet();
    Random choice = new Random(seed);
    Router router = () -> {
      List<Integer> up = fleet.up();
      return up.isEmpty() ? CompletableFuture.completedFuture(503)
          : http.get(fleet.httpPort(up.get(choice.nextInt(up.size()))));
    };
    return new PolicySession() {
      @Override
      public QualityFleet fleet() {
        return fleet;
      }

      @Override
      public Router router() {
        return router;
      }

      @Override
      public void close() {
        fleet.close();
      }
    };
  }
}
