package io.kubervisor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuLimitTest {

  @Test
  void theLaunchedCommandRunsInTheQuotaAsItsOwnProcess() throws Exception {
    CpuLimit limit = CpuLimit.of(1);
    try {
      assumeTrue(limit.kind().equals("cfs-quota"), "no cgroup can be made here: " + limit.description());
      List<String> command = new ArrayList<>(limit.launcher());
      command.addAll(List.of("sh", "-c", "echo $$; cat /proc/self/cgroup"));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
          .toList();
      assertThat(process.waitFor()).isZero();
      // The launcher became the command: the process started is the one that reports its pid.
      assertThat(lines.get(0)).isEqualTo(String.valueOf(process.pid()));
      assertThat(lines).anyMatch(line -> line.endsWith("/" + limit.cgroup().getFileName()));
      String quota = Files.exists(limit.cgroup().resolve("cpu.max"))
          ? Files.readString(limit.cgroup().resolve("cpu.max")).trim()
          : Files.readString(limit.cgroup().resolve("cpu.cfs_quota_us")).trim();
      assertThat(quota).startsWith("100000");
    } finally {
      limit.release();
    }
    if (limit.cgroup() != null) {
      assertThat(limit.cgroup()).doesNotExist();
    }
  }
}
