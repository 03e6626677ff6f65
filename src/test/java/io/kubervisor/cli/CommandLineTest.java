package io.kubervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the command line is read, as kubectl reads its own: flags in any order and form, each refusal one line. */
class CommandLineTest {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<ClusterFlags> connections = new ArrayList<>();

  @Test
  void flagsMayComeBeforeOrAfterTheCommandInEveryForm() {
    run("-n", "shop", "status", "web", "--kubeconfig=/k", "--context", "c");
    run("status", "-nshop");
    run("status", "-n=shop");
    run("status", "--namespace", "shop");

    assertThat(connections).containsExactly(new ClusterFlags("/k", "c", "shop"), new ClusterFlags(null, null, "shop"),
        new ClusterFlags(null, null, "shop"), new ClusterFlags(null, null, "shop"));
  }

  @Test
  void aDoubleDashEndsTheFlags() {
    run("explain", "--", "-odd-pod");

    assertThat(connections).hasSize(1);
    assertThat(err().lines()).as("read as the POD, it reaches the cluster").containsExactly(
        "error: no cluster in this test");
  }

  @Test
  void refusesUnknownFlagsMissingValuesAndValuesOfSwitches() {
    assertThat(run("status", "--wide")).isEqualTo(2);
    assertThat(run("status", "-x")).isEqualTo(2);
    assertThat(run("status", "-n")).isEqualTo(2);
    assertThat(run("activate", "web", "--force=yes")).isEqualTo(2);
    assertThat(run("-A", "status")).isEqualTo(2);
    assertThat(run("completion", "fish")).isEqualTo(2);

    assertThat(err().lines()).containsExactly(
        "error: unknown flag --wide; see kubectl kubervisor status --help",
        "error: unknown flag -x; see kubectl kubervisor status --help",
        "error: flag --namespace needs a value: -n, --namespace NS",
        "error: Invalid value for option '--force': 'yes' is not a boolean; see kubectl kubervisor activate --help",
        "error: flag -A follows its command, as in: kubectl kubervisor status -A",
        "error: completion knows bash and zsh, not fish; usage: kubectl kubervisor completion bash|zsh");
    assertThat(connections).isEmpty();
  }

  /** Runs the command line with a cluster that records the flags it was asked for and fails. */
  private int run(String... args) {
    return KubectlKubervisor.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), flags -> {
          connections.add(flags);
          throw new CliException("no cluster in this test");
        }, Clock.systemUTC());
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
