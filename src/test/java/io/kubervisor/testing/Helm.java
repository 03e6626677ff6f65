package io.kubervisor.testing;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * helm, for rendering deploy/helm/kubervisor in tests: {@code $KUBERVISOR_HELM} if set, else the binary
 * {@code src/test/tools/build-helm.sh} builds (cached under its own key; a cold build takes a minute or two).
 */
public final class Helm {

    static final String HELM_ENV = "KUBERVISOR_HELM";
    public static final Path CHART = Path.of("deploy/helm/kubervisor");
    public static final Path RENDER_MANIFESTS = Path.of("deploy/helm/render-manifests.sh");
    private static final long TIMEOUT_SECONDS = 60;

    private static Path binary;

    private Helm() {
    }

    public static synchronized Path binary() throws IOException {
        if (binary == null) {
            String fromEnv = System.getenv(HELM_ENV);
            Path helm = fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv)
                    : ToolBinaries.runBuildScript("build-helm.sh", "a cold build takes ~2 min").resolve("helm");
            if (!Files.isExecutable(helm)) {
                throw new IOException("no executable helm at " + helm);
            }
            binary = helm;
        }
        return binary;
    }

    /** {@code helm template RELEASE CHART --namespace NAMESPACE --include-crds --set K=V...}: the manifests. */
    public static String template(String release, String namespace, Map<String, String> values) throws IOException {
        List<String> command = new ArrayList<>(List.of(binary().toString(), "template", release, CHART.toString(),
                "--namespace", namespace, "--include-crds"));
        values.forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
        return run(new ProcessBuilder(command));
    }

    /** What {@code deploy/helm/render-manifests.sh SCOPE} renders now, with this helm. */
    public static String renderManifests(String scope) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", RENDER_MANIFESTS.toString(), scope);
        builder.environment().put("HELM", binary().toString());
        return run(builder);
    }

    private static String run(ProcessBuilder builder) throws IOException {
        // Files, not pipes: no reader threads, and nothing on the test JVM's own streams.
        Path stdout = Files.createTempFile("helm", ".out");
        Path stderr = Files.createTempFile("helm", ".err");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(builder.command() + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(builder.command() + " failed (exit " + process.exitValue() + "): "
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running " + builder.command());
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
