package io.kubervisor.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/** One child process of a test fixture, its output appended to a log file; restartable with the same command. */
final class ManagedProcess {

    private static final int TAIL_LINES = 40;

    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;

    ManagedProcess(String name, List<String> command, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
    }

    synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM, then SIGKILL once {@code grace} has passed. */
    synchronized void stop(Duration grace) {
        if (process == null) {
            return;
        }
        try {
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }

    /**
     * Polls {@code probe} until it returns true. Fails fast if the process exits, and on any failure throws
     * with the tail of the process's log.
     */
    void awaitReady(String what, Duration timeout, Callable<Boolean> probe) {
        try {
            await(name + ": " + what)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100))
                    // Only the probe's own failures count, not stray exceptions of unrelated threads.
                    .dontCatchUncaughtExceptions()
                    .until(() -> {
                        if (!isAlive()) {
                            throw failure("exited while waiting for: " + what, null);
                        }
                        return probe.call();
                    });
        } catch (ConditionTimeoutException e) {
            throw failure("not ready within " + timeout + ": " + what, e);
        }
    }

    IllegalStateException failure(String message, Throwable cause) {
        return new IllegalStateException(name + " " + message + "\n--- last lines of " + log + " ---\n" + tail(), cause);
    }

    private String tail() {
        try {
            // Lenient decoding: a log may hold bytes that are not UTF-8.
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
