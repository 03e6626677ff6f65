package io.kubervisor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {

  private static final double MIB = 1024 * 1024;

  @Test
  void projectsTheHeapToTenThousandPodsWhenThatSizeDidNotRun() {
    // 40 MiB + 10 KiB per pod: 137.7 MiB at 10,000.
    TargetLine heap = line(Targets.judge(List.of(size(1000, 0.1), size(2500, 0.1))), "heap after full GC");
    assertThat(heap.met()).isTrue();
    assertThat(heap.verdict()).isEqualTo("projected: met");
    assertThat(heap.measured()).contains("projected at 10,000: 138 MiB");

    TargetLine perPod = line(Targets.judge(List.of(size(1000, 0.1), size(2500, 0.1))), "heap ≤ 1.5 KiB");
    assertThat(perPod.met()).isFalse();
    assertThat(perPod.verdict()).startsWith("missed by 8.5 KiB");
  }

  @Test
  void judgesTheCpuAtEverySize() {
    TargetLine cpu = line(Targets.judge(List.of(size(1000, 0.1), size(2500, 0.25))), "CPU at steady state");
    assertThat(cpu.met()).isFalse();
    assertThat(cpu.verdict()).isEqualTo("missed at 2,500 pods by 0.05 core");
  }

  @Test
  void judgesTenThousandPodTargetsOnTheLargestSizeRunAndSaysSo() {
    TargetLine startup = line(Targets.judge(List.of(size(1000, 0.1), size(2500, 0.1))), "start of the JVM");
    assertThat(startup.met()).isFalse();
    assertThat(startup.verdict()).isEqualTo("at 2,500 pods (10,000 not run): missed by 1.0 s (+20 %)");
  }

  @Test
  void saysWhatCannotBeJudgedFromOneSize() {
    List<TargetLine> lines = Targets.judge(List.of(size(1000, 0.1)));
    assertThat(line(lines, "heap ≤ 1.5 KiB").met()).isNull();
    assertThat(line(lines, "LIST calls").met()).isTrue();
    assertThat(line(lines, "Prometheus queries").met()).isTrue();
  }

  private static TargetLine line(List<TargetLine> lines, String target) {
    return lines.stream().filter(line -> line.target().startsWith(target)).findFirst().orElseThrow();
  }

  /** A size whose heap is 40 MiB + 10 KiB per pod, first evaluation 6 s after launch, at {@code cpu} cores. */
  private static SizeResult size(int pods, double cpu) {
    int breakerConfigs = pods / 20;
    SteadyWindow window = new SteadyWindow(Instant.EPOCH, Instant.EPOCH.plusSeconds(120), 120, cpu,
        breakerConfigs * 12.0, cpu * 120_000 / (breakerConfigs * 12.0), 60, 60, (long) (300 * MIB),
        (long) (300 * MIB), breakerConfigs / 10.0);
    ApiCalls calls = new ApiCalls(120, Map.of("patch leases", 60), 0, 60, 60, 0);
    Distribution ejected = new Distribution(10, 5.0, 9.0, 9.0);
    return new SizeResult(pods, breakerConfigs, 1, new World.BuildTimes(5, 10, 5, 1, 21),
        new Startup(4, 6, 8), window, new JvmDiagnostics.Heap((long) (40 * MIB + pods * 10 * 1024L), 0),
        (long) (300 * MIB), new JvmDiagnostics.Flags((long) (384 * MIB), "SerialGC"), calls, calls, 30.0, 0.0,
        breakerConfigs / 10.0, new Faults(10, 0, ejected, ejected, ejected, List.of()), 1.5, null);
  }
}
