package io.kubervisor.faults;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The heap an operator process keeps in use after a full collection, as jcmd and jstat tell it. */
final class OperatorHeap {

  /** jstat -gc's columns of used space, in KiB: both survivor spaces, eden and the old generation. */
  private static final List<String> USED = List.of("S0U", "S1U", "EU", "OU");

  private OperatorHeap() {}

  /** Collects fully (System.gc(), through jcmd), then sums what stays in use, in bytes. */
  static long usedAfterFullGc(long pid) throws IOException {
    run("jcmd", String.valueOf(pid), "GC.run");
    List<String> lines = run("jstat", "-gc", String.valueOf(pid)).lines().filter(line -> !line.isBlank()).toList();
    List<String> columns = List.of(lines.get(0).trim().split("\\s+"));
    String[] values = lines.get(1).trim().split("\\s+");
    double kib = USED.stream().mapToDouble(column -> Double.parseDouble(values[columns.indexOf(column)])).sum();
    return (long) (kib * 1024);
  }

  private static String run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(String.join(" ", command) + " interrupted");
    }
    return output;
  }
}
