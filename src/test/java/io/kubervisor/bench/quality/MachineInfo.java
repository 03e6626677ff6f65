package io.kubervisor.bench.quality;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a run measured: the commit of the working tree ("-dirty" with uncommitted changes) and the machine. */
final class MachineInfo {

  private MachineInfo() {}

  static String commit() {
    try {
      String head = git("rev-parse", "--short=12", "HEAD").strip();
      return git("status", "--porcelain").isBlank() ? head : head + "-dirty";
    } catch (IOException | InterruptedException notAGitCheckout) {
      return "unknown";
    }
  }

  static String describe() {
    String cpu;
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
    } catch (IOException e) {
      cpu = "unknown CPU";
    }
    return cpu + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("java.vm.name")
        + " " + System.getProperty("java.version");
  }

  private static String git(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("git failed: " + output);
    }
    return output;
  }
}
