package io.kubervisor.it;

import static io.kubervisor.it.Fixtures.apply;
import static io.kubervisor.it.Fixtures.breakerConfig;
import static io.kubervisor.it.Fixtures.is;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.Conditions;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A Prometheus that misbehaves, against the operator as a process with a small heap: an answer far larger than the
 * cap is cut without exhausting memory, one that trickles in is cut at the call's timeout, and once the backend answers
 * properly again the breaker judges the fleet as if nothing had happened.
 */
@WithLocalCluster
class DetectorFaultsIT {

  private static final Duration PROMETHEUS_TIMEOUT = Duration.ofSeconds(3);
  private static final long ENORMOUS_BYTES = 100L * 1000 * 1000;
  /** The cap is 4 MiB; what the socket buffers between the two ends held when the operator hung up comes on top. */
  private static final long MOST_BYTES_PER_CALL = 5L * 1000 * 1000;
  private static final Duration SOON = Duration.ofSeconds(30);

  @Test
  void oversizedAndTricklingAnswersAreCutAndTheBreakerRecovers(LocalControlPlane plane, KubernetesClient client,
      @TestNamespace("faults") String ns) throws Exception {
    Crds.install(client);
    String leaseNamespace = plane.createNamespace("faults-lease");
    TestFleet fleet = TestFleet.create(client, ns, "web", 4);
    String bad = fleet.podNames().get(0);
    try (StandInPrometheus prometheus = new StandInPrometheus();
        OperatorProcess operator = OperatorProcess.start(plane.kubeconfig(),
            Map.of("kubervisor.lease-namespace", leaseNamespace,
                "kubervisor.prometheus-timeout", PROMETHEUS_TIMEOUT.toSeconds() + "s"),
            List.of("-Xmx128m"))) {
      apply(client, errorsBreaker(ns, prometheus.url()));

      await("two enormous answers cut, and the cap named").atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .until(() -> prometheus.calls(Mode.ENORMOUS).size() >= 2
              && detectorsHealthy(client, ns).getMessage().contains("byte limit"));
      assertThat(detectorsHealthy(client, ns).getStatus()).isEqualTo("False");
      long mostWritten = prometheus.calls(Mode.ENORMOUS).stream().mapToLong(Call::bytes).max().orElseThrow();
      System.out.printf("enormous answer: bytes written per call before the operator hung up: %s%n",
          prometheus.calls(Mode.ENORMOUS).stream().map(Call::bytes).toList());
      assertThat(mostWritten).isLessThan(MOST_BYTES_PER_CALL);
      assertThat(operator.logged("OutOfMemoryError")).as("OutOfMemoryError in the operator's log").isFalse();
      assertThat(operator.isAlive()).isTrue();

      prometheus.mode(Mode.TRICKLE);
      Call trickled = await("a trickling answer hung up on").atMost(SOON)
          .until(() -> prometheus.calls(Mode.TRICKLE).stream().findFirst(), Optional::isPresent).get();
      Duration heldOpen = Duration.ofNanos(trickled.endedNanos() - trickled.startedNanos());
      System.out.printf("trickling answer: hung up on %d ms after the request, %d bytes in%n", heldOpen.toMillis(),
          trickled.bytes());
      // The deadline starts just before the request is sent, so the server sees a little less than the timeout.
      assertThat(heldOpen).isBetween(PROMETHEUS_TIMEOUT.minusSeconds(1), PROMETHEUS_TIMEOUT.plusSeconds(2));
      await("the timeout named").atMost(SOON).ignoreExceptions().until(() -> detectorsHealthy(client, ns),
          c -> "False".equals(c.getStatus()) && c.getMessage().contains("did not arrive whole within the timeout"));

      prometheus.answerNormally(fleet.podNames(), bad);
      await("the bad pod out of traffic").atMost(SOON).until(() -> fleet.podsWithTraffic(TrafficLabels.NO),
          is(List.of(bad)));
      await("DetectorsHealthy again").atMost(SOON).ignoreExceptions()
          .until(() -> detectorsHealthy(client, ns).getStatus(), is("True"));
      assertThat(operator.logged("OutOfMemoryError")).isFalse();
      assertThat(operator.isAlive()).isTrue();
    }
  }

  private static BreakerConfig errorsBreaker(String ns, String prometheusUrl) {
    return breakerConfig(ns, "web", """
        service: web
        breakers:
          - name: errors
            evaluationPeriod: 1s
            warmup: 0s
            discreteValueOutOfList:
              prometheusService: %s
              promQL: sum by (pod, code) (rate(http_requests_total[1m]))
              key: code
              goodValues: ["200"]
              tolerancePercent: 10
              minActivity: 5
        """.formatted(prometheusUrl));
  }

  private static Condition detectorsHealthy(KubernetesClient client, String ns) {
    return Fixtures.condition(Fixtures.get(client, ns, "web"), Conditions.DETECTORS_HEALTHY).orElseThrow();
  }

  private enum Mode { ENORMOUS, TRICKLE, NORMAL }

  /** One query answered: how many body bytes the server got out before the call ended, and when it began and ended. */
  private record Call(Mode mode, long bytes, long startedNanos, long endedNanos) {}

  /**
   * Prometheus' /api/v1/query on loopback, answering as the test sets it; it records each call once it ended. Plain
   * sockets rather than the JDK's HttpServer, for two things that server hides: a small send buffer, so that the bytes
   * it counts are the bytes the operator read and not megabytes parked in the kernel, and a read of the connection
   * while it trickles, which sees the operator hang up at once.
   */
  private static final class StandInPrometheus implements AutoCloseable {

    private static final int SEND_BUFFER = 64 * 1024;
    /** About 64 KiB of series, sent again and again. */
    private static final byte[] BLOCK = """
        {"metric":{"pod":"some-pod","code":"200"},"value":[1700000000,"1"]},""".repeat(900)
        .getBytes(StandardCharsets.UTF_8);
    private static final String VECTOR_START =
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[";

    private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final ExecutorService connections = Executors.newCachedThreadPool();
    private final ScheduledExecutorService trickles = Executors.newSingleThreadScheduledExecutor();
    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private volatile Mode mode = Mode.ENORMOUS;
    private volatile String normalAnswer;

    StandInPrometheus() throws IOException {
      connections.execute(() -> {
        while (!listener.isClosed()) {
          try {
            Socket connection = listener.accept();
            connections.execute(() -> serve(connection));
          } catch (IOException closed) {
            return;
          }
        }
      });
    }

    String url() {
      return "http://127.0.0.1:" + listener.getLocalPort();
    }

    void mode(Mode next) {
      mode = next;
    }

    /** From now on, a vector of request rates by pod and code where only {@code bad} answers mostly 500s. */
    void answerNormally(List<String> pods, String bad) {
      normalAnswer = pods.stream().map(pod -> pod.equals(bad)
              ? series(pod, "200", 10) + "," + series(pod, "500", 90)
              : series(pod, "200", 100))
          .collect(Collectors.joining(",", VECTOR_START, "]}}"));
      mode = Mode.NORMAL;
    }

    List<Call> calls(Mode of) {
      return calls.stream().filter(call -> call.mode() == of).toList();
    }

    /** One request per connection: every answer says Connection: close. */
    private void serve(Socket connection) {
      try (connection) {
        connection.setSendBufferSize(SEND_BUFFER);
        String requestLine = readRequestHead(connection.getInputStream());
        if (!requestLine.startsWith("GET /api/v1/query?")) {
          connection.getOutputStream().write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
          return;
        }
        switch (mode) {
          case ENORMOUS -> enormous(connection);
          case TRICKLE -> trickle(connection);
          case NORMAL -> normal(connection);
        }
      } catch (IOException hungUp) {
        // the operator went away before the request was read or the answer started
      }
    }

    /**
     * 100 MB of series in 64 KiB chunks, as fast as the client takes them; stops when the client hangs up. Each chunk
     * is counted before it is written, so one cut short counts whole.
     */
    private void enormous(Socket connection) {
      long started = System.nanoTime();
      long written = 0;
      try {
        OutputStream out = connection.getOutputStream();
        out.write(chunkedHead());
        byte[] start = VECTOR_START.getBytes(StandardCharsets.UTF_8);
        written += start.length;
        chunk(out, start);
        while (written < ENORMOUS_BYTES) {
          written += BLOCK.length;
          chunk(out, BLOCK);
        }
      } catch (IOException hungUp) {
        // the operator stopped reading
      }
      calls.add(new Call(Mode.ENORMOUS, written, started, System.nanoTime()));
    }

    /** One byte a second, never finishing, until the client hangs up, which a read of the connection sees at once. */
    private void trickle(Socket connection) throws IOException {
      long started = System.nanoTime();
      OutputStream out = connection.getOutputStream();
      out.write(chunkedHead());
      AtomicLong sent = new AtomicLong();
      ScheduledFuture<?> bytes = trickles.scheduleAtFixedRate(() -> {
        try {
          chunk(out, new byte[] {'{'});
          sent.incrementAndGet();
        } catch (IOException hungUp) {
          // the read below sees it too
        }
      }, 0, 1, TimeUnit.SECONDS);
      try {
        // The request was read whole: the next read returns only when the client closes (or resets) the connection.
        connection.getInputStream().read();
      } catch (IOException reset) {
        // closed all the same
      }
      long ended = System.nanoTime();
      bytes.cancel(false);
      calls.add(new Call(Mode.TRICKLE, sent.get(), started, ended));
    }

    private void normal(Socket connection) throws IOException {
      long started = System.nanoTime();
      byte[] answer = normalAnswer.getBytes(StandardCharsets.UTF_8);
      OutputStream out = connection.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + answer.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(answer);
      out.flush();
      calls.add(new Call(Mode.NORMAL, answer.length, started, System.nanoTime()));
    }

    /** The request line; the headers up to the blank line are read and ignored. */
    private static String readRequestHead(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      while (head.indexOf("\r\n\r\n") < 0) {
        int next = in.read();
        if (next < 0) {
          throw new EOFException("the client closed before the end of its request");
        }
        head.append((char) next);
      }
      return head.substring(0, head.indexOf("\r\n"));
    }

    private static byte[] chunkedHead() {
      return ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
      out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(data);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static String series(String pod, String code, int requestsPerSecond) {
      return "{\"metric\":{\"pod\":\"%s\",\"code\":\"%s\"},\"value\":[1700000000,\"%d\"]}"
          .formatted(pod, code, requestsPerSecond);
    }

    @Override
    public void close() throws IOException {
      listener.close();
      trickles.shutdownNow();
      connections.shutdownNow();
    }
  }
}
