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
    assertThat(chart.cpuLimit().kind()).isIn("taskset", "none");
    assertThat(chart.cpuLimit().cgroup()).isNull();
  }

  @Test
  void takesAnotherMemoryLimit() throws Exception {
    ChartRuntime chart = ChartRuntime.fromChart("2Gi", false);
    chart.cpuLimit().release();
    assertThat(chart.jvmOptions()).contains("-XX:MaxRAM=2147483648");
  }
}
