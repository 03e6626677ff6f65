package io.kubervisor.bench.quality;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/** A peer's real process (nginx, HAProxy), its output in a log file, ready once its port accepts connections. */
final class PeerProcess implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final Process process;

  private PeerProcess(Process process) {
    this.process = process;
  }

  static PeerProcess start(List<String> command, Path log, int port) throws IOException {
    PeerProcess peer = new PeerProcess(new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start());
    try {
      await(command.get(0) + " listens on " + port).atMost(STARTUP).pollInterval(Duration.ofMillis(100))
          .until(() -> {
            if (!peer.process.isAlive()) {
              throw new IllegalStateException(command.get(0) + " exited: " + Files.readString(log));
            }
            return accepts(port);
          });
    } catch (ConditionTimeoutException | IllegalStateException e) {
      peer.close();
      throw new IOException(command + " did not start; its log " + log + ":\n" + Files.readString(log), e);
    }
    return peer;
  }

  private static boolean accepts(int port) {
    try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
