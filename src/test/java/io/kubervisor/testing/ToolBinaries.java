package io.kubervisor.testing;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the directory holding etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok, and runs the
 * build scripts of src/test/tools ({@link Helm} builds helm with one). The directory:
 * {@code $KUBERVISOR_TOOLS_BIN} if set, else the one {@code src/test/tools/build.sh} prints (a cache hit
 * when the tool versions did not change; a cold build takes many minutes).
 */
final class ToolBinaries {

    static final String BIN_ENV = "KUBERVISOR_TOOLS_BIN";
    private static final List<String> NAMES =
            List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok");

    private static Path binDir;

    private ToolBinaries() {
    }

    static synchronized Path binDir() throws IOException {
        if (binDir == null) {
            String fromEnv = System.getenv(BIN_ENV);
            Path dir = fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : build();
            for (String name : NAMES) {
                if (!Files.isExecutable(dir.resolve(name))) {
                    throw new IOException("no executable " + name + " in " + dir
                            + (fromEnv != null ? " (from $" + BIN_ENV + ")" : ""));
                }
            }
            binDir = dir;
        }
        return binDir;
    }

    private static Path build() throws IOException {
        try {
            return runBuildScript("build.sh", "a cold build takes ~20 min");
        } catch (NoSuchFileException e) {
            throw new IOException("cannot find " + e.getFile() + "; set $" + BIN_ENV + " to a directory with " + NAMES);
        }
    }

    /**
     * Runs a build script of {@code src/test/tools} and returns the bin dir it prints last; its log goes to a temp
     * file, kept when it fails.
     */
    static Path runBuildScript(String name, String coldBuildTime) throws IOException {
        // Maven sets basedir for surefire/failsafe; an IDE usually runs tests from the project directory.
        Path project = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path script = project.resolve("src/test/tools").resolve(name);
        if (!Files.isRegularFile(script)) {
            throw new NoSuchFileException(script.toString());
        }
        // Not inherited: output of a child on the forked test JVM's streams can upset surefire's channel.
        Path log = Files.createTempFile("kubervisor-tools-build", ".log");
        Path stdout = Files.createTempFile("kubervisor-tools-build", ".out");
        System.err.println("[kubervisor-testing] " + script + " (instant when cached, " + coldBuildTime + "), log: "
                + log);
        Process process = new ProcessBuilder("bash", script.toString())
                .redirectOutput(stdout.toFile())
                .redirectError(log.toFile())
                .start();
        try {
            int exit = process.waitFor();
            List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
            if (exit != 0 || lines.isEmpty()) {
                throw new IOException(script + " failed (exit " + exit + "); see " + log);
            }
            Files.delete(log);
            return Path.of(lines.get(lines.size() - 1).trim());
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running " + script);
        } finally {
            Files.deleteIfExists(stdout);
        }
    }
}
