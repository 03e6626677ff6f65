package io.kubervisor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What jcmd and jstat tell about the operator's JVM: its heap after a full collection, its flags, and profiles. */
final class JvmDiagnostics {

  /** The name of the JFR recording started in the operator, to dump it. */
  static final String RECORDING = "bench";

  private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");
  private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
  private static final Pattern COLLECTOR = Pattern.compile("-XX:\\+Use(\\w+GC)\\b");

  /** Live heap and metaspace, in bytes. */
  record Heap(long usedBytes, long metaspaceBytes) {}

  /** The heap the JVM gave itself and the collector it chose: the chart's flags as the JVM read them. */
  record Flags(long maxHeapBytes, String collector) {}

  private final String pid;

  JvmDiagnostics(long pid) {
    this.pid = String.valueOf(pid);
  }

  /**
   * The live heap: the total of a class histogram, which a full collection precedes (kept in {@code histogram}, to see
   * what grows). Not jstat's used heap after {@code GC.run}: that counts what the operator allocated in the second
   * between the two commands too, more at 10,000 pods than at 1,000, which skewed the heap per pod upwards.
   */
  Heap afterFullGc(Path histogram) throws IOException {
    String classes = Commands.run("jcmd", pid, "GC.class_histogram");
    Files.writeString(histogram, classes);
    Matcher total = HISTOGRAM_TOTAL.matcher(classes);
    if (!total.find()) {
      throw new IOException("no Total line in the class histogram of " + pid + ": " + histogram);
    }
    List<String> lines = Commands.run("jstat", "-gc", pid).lines().filter(line -> !line.isBlank()).toList();
    List<String> names = Arrays.asList(lines.get(0).trim().split("\\s+"));
    String[] values = lines.get(1).trim().split("\\s+");
    return new Heap(Long.parseLong(total.group(1)),
        (long) (Double.parseDouble(values[names.indexOf("MU")]) * 1024));
  }

  Flags flags() throws IOException {
    String flags = Commands.run("jcmd", pid, "VM.flags");
    Matcher maxHeap = MAX_HEAP.matcher(flags);
    Matcher collector = COLLECTOR.matcher(flags);
    return new Flags(maxHeap.find() ? Long.parseLong(maxHeap.group(1)) : -1,
        collector.find() ? collector.group(1) : "unknown");
  }

  void threadDump(Path file) throws IOException {
    Files.writeString(file, Commands.run("jcmd", pid, "Thread.print"));
  }

  /** An HPROF dump of the live objects (after a full collection). */
  void heapDump(Path file) throws IOException {
    Commands.run("jcmd", pid, "GC.heap_dump", file.toAbsolutePath().toString());
  }

  /**
   * Starts the recording {@value #RECORDING}, with JFR's default settings: CPU samples every 20 ms at about 1 % of CPU,
   * so the profiled size stays comparable.
   */
  void startRecording() throws IOException {
    Commands.run("jcmd", pid, "JFR.start", "name=" + RECORDING, "settings=default");
  }

  /** Writes what the recording {@value #RECORDING} holds so far. */
  void dumpRecording(Path file) throws IOException {
    Commands.run("jcmd", pid, "JFR.dump", "name=" + RECORDING, "filename=" + file.toAbsolutePath());
  }
}
