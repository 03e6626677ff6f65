package io.kubervisor.bench;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short command (jcmd, jstat, git, getconf) and returns what it printed. */
final class Commands {

  private static final long TIMEOUT_SECONDS = 120;

  private Commands() {}

  /** Its standard output and error; fails when it exits with an error or outlives the timeout. */
  static String run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    // Read before waiting: a command whose output fills the pipe would never exit.
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(List.of(command) + " did not end within " + TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while running " + List.of(command));
    }
    if (process.exitValue() != 0) {
      throw new IOException(List.of(command) + " failed (exit " + process.exitValue() + "): " + output);
    }
    return output;
  }
}
