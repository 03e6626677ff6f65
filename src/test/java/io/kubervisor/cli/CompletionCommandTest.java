package io.kubervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion script loads in a real bash and completes the verbs and their flags. */
class CompletionCommandTest {

  @Test
  void theBashScriptLoadsAndCompletesVerbsAndFlags(@TempDir Path dir) throws Exception {
    Path script = Files.writeString(dir.resolve("completion.bash"), completion("bash"));

    String shown = bash(dir, "source " + script + " && complete -p kubectl-kubervisor"
        + " && COMP_WORDS=(kubectl-kubervisor st) && COMP_CWORD=1 && _complete_kubectl-kubervisor"
        + " && echo \"verbs: ${COMPREPLY[*]}\""
        + " && COMP_WORDS=(kubectl-kubervisor status --all) && COMP_CWORD=2 && _complete_kubectl-kubervisor"
        + " && echo \"flags: ${COMPREPLY[*]}\"");

    assertThat(shown.lines()).containsExactly(
        "complete -o default -F _complete_kubectl-kubervisor kubectl-kubervisor",
        "verbs: status",
        "flags: --all-namespaces");
  }

  @Test
  void theZshScriptIsTheBashOneBehindZshsBashCompletion() {
    assertThat(completion("zsh")).startsWith("autoload -U +X compinit && compinit\n"
        + "autoload -U +X bashcompinit && bashcompinit\n").endsWith(completion("bash"));
  }

  private static String completion(String shell) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = KubectlKubervisor.run(new String[] {"completion", shell}, new PrintStream(out, true,
        StandardCharsets.UTF_8), System.err, flags -> {
          throw new AssertionError("completion needs no cluster");
        }, Clock.systemUTC());
    assertThat(exit).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Runs a non-interactive bash; its stdout (stderr has compopt's complaints outside a real completion). */
  private static String bash(Path dir, String commands) throws IOException, InterruptedException {
    Process bash = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", commands)
        .redirectError(dir.resolve("stderr").toFile()).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as("bash exit; stderr: %s", Files.readString(dir.resolve("stderr"))).isZero();
    return out;
  }
}
