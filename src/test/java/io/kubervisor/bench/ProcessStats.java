package io.kubervisor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A process's memory, threads and CPU time, as Linux accounts them in /proc. */
final class ProcessStats {

  /** Threads JFR adds while it records: not the operator's own. */
  private static final String JFR_THREAD_PREFIX = "JFR ";

  private final Path proc;
  private final long ticksPerSecond;

  ProcessStats(long pid) throws IOException {
    this.proc = Path.of("/proc", String.valueOf(pid));
    this.ticksPerSecond = ticksPerSecond();
  }

  /** Resident memory, in bytes. */
  long rssBytes() throws IOException {
    return statusField("VmRSS:") * 1024;
  }

  /** Its threads, without those of a JFR recording. */
  int threads() throws IOException {
    try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
      return (int) tasks.filter(task -> !threadName(task).startsWith(JFR_THREAD_PREFIX)).count();
    }
  }

  /** User and system CPU time used so far, in seconds. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(proc.resolve("stat"));
    // The fields after the command name, which is in parentheses and may hold spaces: state is the first, and utime
    // and stime are the 12th and 13th (fields 14 and 15 of proc(5)).
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) ticksPerSecond;
  }

  private long statusField(String name) throws IOException {
    return Files.readAllLines(proc.resolve("status")).stream()
        .filter(line -> line.startsWith(name))
        .map(line -> Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]))
        .findFirst()
        .orElseThrow(() -> new IOException("no " + name + " in " + proc.resolve("status")));
  }

  private static String threadName(Path task) {
    try {
      return Files.readString(task.resolve("comm")).trim();
    } catch (IOException ended) {
      return "";
    }
  }

  private static long ticksPerSecond() throws IOException {
    return Long.parseLong(Commands.run("getconf", "CLK_TCK").trim());
  }
}
