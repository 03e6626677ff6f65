package io.kubervisor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChartRuntimeTest {

  @Test
  void tellsTheJvmTheChartsLimits() throws Exception {
    ChartRuntime chart = ChartRuntime.fromChart(null, false);
    chart.cpuLimit().release();
    assertThat(chart.memoryLimitBytes()).isEqualTo(512L * 1024 * 1024);
    assertThat(chart.jvmOptions()).containsExactly("-XX:MaxRAM=536870912", "-XX:ActiveProcessorCount=1");
    assertThat(chart.javaToolOptions()).contains("-XX:MaxRAMPercentage=75");
    assertThat(chart.environment("kubervisor")).containsEntry("JAVA_TOOL_OPTIONS", chart.javaToolOptions())
        .containsEntry("KUBERVISOR_LOG_FORMAT", "json").containsEntry("KUBERVISOR_LEASE_NAMESPACE", "kubervisor");
  }

  @Test
  void pinsTheOperatorWhenAsked() throws Exception {
    ChartRuntime chart = ChartRuntime.fromChart(null, true);
    assertThat(chart.cpuLimit().cgroup()).isNull();
    if (chart.cpuLimit().kind().equals("taskset")) {
      String lastCpu = String.valueOf(Runtime.getRuntime().availableProcessors() - 1);
      assertThat(chart.launcher()).containsExactly("taskset", "-c", lastCpu);
    } else {
      assertThat(chart.cpuLimit().kind()).isEqualTo("none");
      assertThat(chart.launcher()).isEmpty();
    }
  }

  @Test
  void takesAnotherMemoryLimit() throws Exception {
    ChartRuntime chart = ChartRuntime.fromChart("2Gi", false);
    chart.cpuLimit().release();
    assertThat(chart.jvmOptions()).contains("-XX:MaxRAM=2147483648");
  }
}
