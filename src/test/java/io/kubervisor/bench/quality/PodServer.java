package io.kubervisor.bench.quality;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.kubervisor.sandbox.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One simulated pod as real servers on loopback: HTTP on its port ({@code /} answers by the behaviour model after its
 * latency, {@code /healthz} always 200, as a liveness endpoint does) and gRPC on a second port, the same model behind
 * one method. Each client request is counted in the pod's {@link PodTraffic}.
 */
final class PodServer implements AutoCloseable {

  static {
    // The JDK's server writes headers and body apart: with Nagle's algorithm, a proxy that keeps the connection open
    // (HAProxy) would wait for its delayed ACK, 40 ms per answer, which no real pod costs.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final int FIRST_LISTEN_PORT = 20000;
  private static final int LISTEN_PORTS = 12000;
  /** Each port handed out once per cycle, so that two pods of a run never get the same one. */
  private static final AtomicInteger nextPort = new AtomicInteger(new Random().nextInt(LISTEN_PORTS));

  private static final byte[] BODY = "ok\n".getBytes(StandardCharsets.US_ASCII);

  private final int httpPort;
  private final int grpcPort;
  private final Supplier<Outcome> model;
  private final PodTraffic traffic;
  private final ScheduledExecutorService delays;
  private final Executor handlers;
  private HttpServer http;
  private Server grpc;

  /** @param model answers one request: the behaviour model's code and latency */
  PodServer(int httpPort, int grpcPort, Supplier<Outcome> model, PodTraffic traffic, ScheduledExecutorService delays,
      Executor handlers) {
    this.httpPort = httpPort;
    this.grpcPort = grpcPort;
    this.model = model;
    this.traffic = traffic;
    this.delays = delays;
    this.handlers = handlers;
  }

  synchronized void start() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), httpPort), 128);
    http.setExecutor(handlers);
    http.createContext("/healthz", exchange -> respond(exchange, 200));
    http.createContext("/", exchange -> {
      Outcome outcome = answer();
      // Answered later by the scheduler, so a slow pod holds no thread while its clients wait.
      delays.schedule(() -> respond(exchange, outcome.code()), latencyMicros(outcome), TimeUnit.MICROSECONDS);
    });
    http.start();
    grpc = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), grpcPort))
        .executor(handlers)
        .addService(ServerServiceDefinition.builder("quality.Pod")
            .addMethod(PodCall.GET, ServerCalls.asyncUnaryCall(this::answerCall))
            .build())
        .build()
        .start();
  }

  synchronized boolean started() {
    return http != null;
  }

  int httpPort() {
    return httpPort;
  }

  int grpcPort() {
    return grpcPort;
  }

  private void answerCall(byte[] request, StreamObserver<byte[]> response) {
    Outcome outcome = answer();
    delays.schedule(() -> {
      if (outcome.failed()) {
        response.onError(Status.INTERNAL.withDescription("the pod failed").asRuntimeException());
      } else {
        response.onNext(new byte[0]);
        response.onCompleted();
      }
    }, latencyMicros(outcome), TimeUnit.MICROSECONDS);
  }

  private Outcome answer() {
    Outcome outcome = model.get();
    traffic.record(outcome.failed());
    return outcome;
  }

  private static long latencyMicros(Outcome outcome) {
    return Math.round(outcome.latencySeconds() * 1e6);
  }

  private static void respond(HttpExchange exchange, int code) {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(code, BODY.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(BODY);
      }
    } catch (IOException e) {
      // The client gave up (its timeout): nothing to answer.
    }
  }

  @Override
  public synchronized void close() {
    if (http != null) {
      http.stop(0);
    }
    if (grpc != null) {
      grpc.shutdownNow();
    }
  }

  /**
   * A port free now, for a pod that starts later: the proxies must know every pod's port from their start. Taken below
   * Linux's ephemeral range (32768 on), from which the clients' and the proxies' own connections draw theirs: a port
   * from that range can be taken by a connection before its pod binds it.
   */
  static int freePort() {
    for (int tries = 0; tries < LISTEN_PORTS; tries++) {
      int port = FIRST_LISTEN_PORT + Math.floorMod(nextPort.getAndIncrement(), LISTEN_PORTS);
      if (bindable(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port from " + FIRST_LISTEN_PORT + " to "
        + (FIRST_LISTEN_PORT + LISTEN_PORTS - 1));
  }

  private static boolean bindable(int port) {
    try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
