package io.kubervisor.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The operator's runnable jar as a separate process, to kill it or run several replicas. */
public final class OperatorProcess implements AutoCloseable {

  static final Path JAR = Path.of("target/kubervisor.jar");

  private final Process process;
  private final List<String> log = new CopyOnWriteArrayList<>();

  private OperatorProcess(Process process) throws IOException {
    this.process = process;
    // Kept in target/ for a failed test's post-mortem.
    Path file = Files.createDirectories(Path.of("target/operator-logs")).resolve("operator-" + process.pid() + ".log");
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8)); var out = Files.newBufferedWriter(file)) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          log.add(line);
          out.write(line);
          out.newLine();
          out.flush();
        }
      } catch (IOException gone) {
        // the process ended
      }
    }, "operator-log");
    reader.setDaemon(true);
    reader.start();
  }

  /** @param properties -D system properties, such as kubervisor.lease-namespace */
  public static OperatorProcess start(Path kubeconfig, Map<String, String> properties) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("java", "-Xmx256m"));
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(List.of("-jar", JAR.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().remove("KUBERVISOR_NAMESPACE");
    return new OperatorProcess(builder.start());
  }

  public List<String> log() {
    return log;
  }

  public boolean logged(String text) {
    return log.stream().anyMatch(line -> line.contains(text));
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no cleanup, as when a node dies. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, and the exit code. */
  public int terminate() throws InterruptedException {
    // Through the handle: Process.destroy() would also close our end of its output, losing its last log lines.
    process.toHandle().destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
