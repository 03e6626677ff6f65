package io.kubervisor.bench.quality;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Envoy's outlier detection as grpc-java implements it (gRFC A50: {@code outlier_detection_experimental} in
 * grpc-util), with Envoy's defaults, in front of a round robin: one client channel to every pod's gRPC port. Envoy
 * cannot be installed here, and ServiceTalk (which also implements Envoy's rules for HTTP/1.1) is not served by this
 * machine's Maven repository. grpc-java implements the success-rate and failure-percentage rules, not consecutive 5xx.
 */
final class EnvoyOutlierPeer implements Policy {

  /** Envoy's defaults; its failure-percentage rule is off by default (enforcing_failure_percentage 0). */
  static final Map<String, Object> OUTLIER_DETECTION = Map.of(
      "interval", "10s",
      "baseEjectionTime", "30s",
      "maxEjectionTime", "300s",
      "maxEjectionPercentage", 10.0,
      "successRateEjection", Map.of(
          "stdevFactor", 1900.0,
          "enforcementPercentage", 100.0,
          "minimumHosts", 5.0,
          "requestVolume", 100.0),
      "childPolicy", List.of(Map.of("round_robin", Map.of())));

  @Override
  public String name() {
    return "envoy-outlier";
  }

  @Override
  public String settings() {
    return "grpc-java 1.85.1 outlier_detection_experimental over round_robin, one client channel (HTTP/2) to every"
        + " pod: interval 10s, baseEjectionTime 30s, maxEjectionTime 300s, maxEjectionPercentage 10 (at least one"
        + " host), success rate stdevFactor 1900 (1.9), enforcement 100%, minimumHosts 5, requestVolume 100;"
        + " failure percentage off (Envoy's enforcing 0); no consecutive-5xx rule (not in gRPC)";
  }

  @Override
  public PolicySession open(QualityScenario scenario, long seed, RunClock clock, Path dir) throws IOException {
    QualityFleet fleet = QualityFleet.forPeers(scenario, seed, clock);
    ManagedChannel channel = channel(IntStream.range(0, fleet.size()).map(fleet::grpcPort).boxed().toList());
    return new PolicySession() {
      @Override
      public QualityFleet fleet() {
        return fleet;
      }

      @Override
      public Router router() {
        return () -> call(channel);
      }

      @Override
      public void close() {
        channel.shutdownNow();
        try {
          channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        fleet.close();
      }
    };
  }

  @SuppressWarnings("deprecation") // nameResolverFactory: the one way to hand a channel a fixed list of its own
  private static ManagedChannel channel(List<Integer> ports) {
    return NettyChannelBuilder.forTarget(StaticAddresses.SCHEME + ":///fleet")
        .nameResolverFactory(new StaticAddresses(ports))
        .defaultServiceConfig(Map.of("loadBalancingConfig",
            List.of(Map.of("outlier_detection_experimental", OUTLIER_DETECTION))))
        .disableServiceConfigLookUp()
        .usePlaintext()
        .build();
  }

  /** One call; its status becomes the HTTP status an HTTP client would have counted. */
  private static CompletableFuture<Integer> call(ManagedChannel channel) {
    CompletableFuture<Integer> code = new CompletableFuture<>();
    ClientCalls.asyncUnaryCall(channel.newCall(PodCall.GET,
        CallOptions.DEFAULT.withDeadlineAfter(HttpGet.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)), new byte[0],
        new StreamObserver<>() {
          @Override
          public void onNext(byte[] value) {
          }

          @Override
          public void onError(Throwable failure) {
            Status status = failure instanceof StatusRuntimeException e ? e.getStatus() : Status.fromThrowable(failure);
            code.complete(switch (status.getCode()) {
              case UNAVAILABLE -> 503;
              case DEADLINE_EXCEEDED -> 504;
              default -> 500;
            });
          }

          @Override
          public void onCompleted() {
            code.complete(200);
          }
        });
    return code;
  }
}
