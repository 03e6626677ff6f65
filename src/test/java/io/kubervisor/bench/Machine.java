package io.kubervisor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a run measured: the commit of the working tree (with "-dirty" for uncommitted changes) and the machine. */
record Machine(String commit, String cpu, int cpus, long memoryBytes, String kernel, String java) {

  static Machine current() throws IOException {
    long memoryKb = Long.parseLong(procField("/proc/meminfo", "MemTotal").replace("kB", "").trim());
    return new Machine(headCommit(), procField("/proc/cpuinfo", "model name"),
        Runtime.getRuntime().availableProcessors(), memoryKb * 1024,
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
  }

  private static String headCommit() {
    try {
      String head = Commands.run("git", "rev-parse", "--short=12", "HEAD").trim();
      return Commands.run("git", "status", "--porcelain").isBlank() ? head : head + "-dirty";
    } catch (IOException notAGitCheckout) {
      return "unknown";
    }
  }

  /** The value of the first {@code name: value} line of a /proc file. */
  private static String procField(String file, String name) throws IOException {
    return Files.readAllLines(Path.of(file)).stream()
        .filter(line -> line.startsWith(name))
        .map(line -> line.substring(line.indexOf(':') + 1).trim())
        .findFirst()
        .orElse("unknown");
  }
}
