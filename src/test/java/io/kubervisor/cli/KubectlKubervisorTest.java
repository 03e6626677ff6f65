package io.kubervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without a cluster: help, usage errors, and a cluster that cannot be reached. */
class KubectlKubervisorTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void helpListsEveryCommandAndEachCommandHasItsOwn() {
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("Usage: kubectl kubervisor COMMAND").contains("status [NAME] [-n NS | -A]",
        "activate SERVICE [--patch-template] [--force]", "deactivate SERVICE", "enable NAME", "disable NAME", "dry-run NAME",
        "resume POD", "explain POD", "dashboard [-n NS | -A] [--port 3100] [--open]");

    for (String command : commands()) {
      out.reset();
      assertThat(run(command, "--help")).isZero();
      assertThat(out()).startsWith("Usage: kubectl kubervisor " + command).contains("--namespace");
    }
    assertThat(err()).isEmpty();
  }

  @Test
  void withoutACommandItPrintsTheHelpAsAnError() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).contains("Usage: kubectl kubervisor COMMAND");
  }

  @Test
  void aWrongCommandLineIsOneLineAndExitCodeTwoBeforeAnyConnection() {
    assertThat(run("frob")).isEqualTo(2);
    assertThat(run("resume")).isEqualTo(2);
    assertThat(run("explain", "a", "b")).isEqualTo(2);
    assertThat(run("resume", "web-1", "--force")).isEqualTo(2);
    assertThat(run("status", "web", "-A")).isEqualTo(2);
    assertThat(err().lines()).containsExactly(
        "error: unknown command \"frob\"; the commands are status, activate, deactivate, enable, disable, dry-run,"
            + " resume, explain, backtest, dashboard, completion (see kubectl kubervisor --help)",
        "error: resume needs POD; usage: kubectl kubervisor resume POD",
        "error: explain takes one POD, got 2 arguments [a, b]; usage: kubectl kubervisor explain POD",
        "error: resume takes no --force flag; see kubectl kubervisor resume --help",
        "error: status NAME cannot take -A: a BreakerConfig is in one namespace; give it with -n");
  }

  @Test
  void anUnreachableClusterSaysWhereAndWhatToCheck(@TempDir Path dir) throws IOException {
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters:
        - name: gone
          cluster:
            server: https://127.0.0.1:1
        users:
        - name: me
          user:
            token: abc
        contexts:
        - name: gone
          context: {cluster: gone, user: me, namespace: shop}
        current-context: gone
        """);

    assertThat(connecting("status", "--kubeconfig", kubeconfig.toString())).isEqualTo(1);
    assertThat(connecting("status", "--kubeconfig", kubeconfig.toString(), "--context", "other")).isEqualTo(1);
    assertThat(connecting("status", "--kubeconfig", dir.resolve("missing").toString())).isEqualTo(1);

    assertThat(err().lines()).containsExactly(
        "error: cannot reach the Kubernetes API at https://127.0.0.1:1/ to list BreakerConfigs in namespace shop:"
            + " Connection refused; check that the cluster is up and that your kubeconfig (--kubeconfig, --context,"
            + " $KUBECONFIG) points to it",
        "error: context other is not in the kubeconfig " + kubeconfig + "; list its contexts with: kubectl config"
            + " get-contexts",
        "error: kubeconfig " + dir.resolve("missing") + " does not exist; pass the path of a kubeconfig file");
  }

  private int run(String... args) {
    return KubectlKubervisor.run(args, print(out), print(err), line -> {
      throw new AssertionError("no connection expected");
    }, Clock.systemUTC());
  }

  private Set<String> commands() {
    return KubectlKubervisor.commandLine(new Session(print(out), print(err), Clock.systemUTC(), flags -> null))
        .getSubcommands().keySet();
  }

  private int connecting(String... args) {
    return KubectlKubervisor.run(args, print(out), print(err));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
