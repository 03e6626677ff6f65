package io.kubervisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The operator's JVM as deploy/helm/kubervisor runs it, outside a container. The chart's {@code javaToolOptions} and
 * {@code logFormat} become the same environment variables. What the container's limits tell the JVM becomes the flags
 * that tell it the same: its memory ({@code -XX:MaxRAM}, so {@code MaxRAMPercentage} sizes the heap from the limit,
 * not from the machine) and its CPUs ({@code -XX:ActiveProcessorCount}, which also picks the collector a one-CPU pod
 * gets). {@link CpuLimit} holds it to as many CPUs.
 */
record ChartRuntime(long memoryLimitBytes, int cpus, String javaToolOptions, String logFormat, CpuLimit cpuLimit) {

  static final Path VALUES = Path.of("deploy/helm/kubervisor/values.yaml");

  /**
   * @param memoryLimit a quantity such as 2Gi instead of the chart's limit; null keeps the chart's
   * @param pinned taskset instead of a CFS quota ({@link CpuLimit})
   */
  static ChartRuntime fromChart(String memoryLimit, boolean pinned) throws IOException {
    JsonNode values = new YAMLMapper().readTree(VALUES.toFile());
    JsonNode limits = values.path("resources").path("limits");
    long memory = Quantity.getAmountInBytes(new Quantity(memoryLimit != null ? memoryLimit
        : limits.path("memory").asText())).longValueExact();
    // The JVM rounds a CPU quota up to whole processors.
    int cpus = new Quantity(limits.path("cpu").asText()).getNumericalAmount().setScale(0, RoundingMode.CEILING)
        .intValueExact();
    return new ChartRuntime(memory, cpus, values.path("javaToolOptions").asText(""),
        values.path("logFormat").asText(""), pinned ? CpuLimit.pinned(cpus) : CpuLimit.of(cpus));
  }

  List<String> jvmOptions() {
    return List.of("-XX:MaxRAM=" + memoryLimitBytes, "-XX:ActiveProcessorCount=" + cpus);
  }

  /** The Deployment's env, with the Lease in {@code leaseNamespace} as the release namespace would hold it. */
  Map<String, String> environment(String leaseNamespace) {
    return Map.of("JAVA_TOOL_OPTIONS", javaToolOptions, "KUBERVISOR_LOG_FORMAT", logFormat,
        "KUBERVISOR_LEASE_NAMESPACE", leaseNamespace);
  }

  List<String> launcher() {
    return cpuLimit.launcher();
  }
}
