package io.kubervisor.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The operator's runnable jar as a separate process, to kill it or run several replicas. */
public final class OperatorProcess implements AutoCloseable {

  static final Path JAR = Path.of("target/kubervisor.jar");

  /** The property of the operator's HTTP port: /metrics, /health/live, /health/ready. */
  static final String HTTP_PORT = "camel.management.port";

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final String httpUrl;
  private final List<String> log = new CopyOnWriteArrayList<>();

  private OperatorProcess(Process process, String httpUrl) throws IOException {
    this.httpUrl = httpUrl;
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

  /**
   * @param properties -D system properties, such as kubervisor.lease-namespace; the HTTP port (metrics, health) is a
   *     free one unless given
   */
  public static OperatorProcess start(Path kubeconfig, Map<String, String> properties) throws IOException {
    return start(kubeconfig, properties, List.of("-Xmx256m"));
  }

  /** @param jvmOptions options of the operator's JVM, such as its heap: -Xmx128m */
  public static OperatorProcess start(Path kubeconfig, Map<String, String> properties, List<String> jvmOptions)
      throws IOException {
    return start(JAR, kubeconfig, properties, jvmOptions, List.of(), Map.of());
  }

  /**
   * @param jar the operator's jar, such as a copy that a build in the working tree cannot change under a long run
   * @param launcher a command that runs the JVM's command line and becomes it (same process id), such as
   *     {@code taskset -c 1}; empty for none
   * @param environment variables added to the operator's, as a Deployment's {@code env} sets them
   */
  public static OperatorProcess start(Path jar, Path kubeconfig, Map<String, String> properties,
      List<String> jvmOptions, List<String> launcher, Map<String, String> environment) throws IOException {
    Map<String, String> withPort = new java.util.HashMap<>(properties);
    withPort.putIfAbsent(HTTP_PORT, String.valueOf(OperatorUnderTest.freePort()));
    List<String> command = new java.util.ArrayList<>(launcher);
    command.add("java");
    command.addAll(jvmOptions);
    withPort.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().remove("KUBERVISOR_NAMESPACE");
    builder.environment().putAll(environment);
    return new OperatorProcess(builder.start(), "http://127.0.0.1:" + withPort.get(HTTP_PORT));
  }

  /** The process id, to read its threads and memory from /proc. */
  public long pid() {
    return process.pid();
  }

  /** Where its metrics and health endpoints are served. */
  public String httpUrl() {
    return httpUrl;
  }

  /** GET on its HTTP port; a connection failure (not listening yet, or gone) is an exception. */
  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(httpUrl + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
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
