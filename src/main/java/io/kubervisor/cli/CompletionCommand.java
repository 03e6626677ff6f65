package io.kubervisor.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code completion bash|zsh}: the shell completion script, generated from the commands and their flags. */
@Command(name = "completion", customSynopsis = "bash|zsh",
    header = "the shell completion script of kubectl-kubervisor, for bash or zsh",
    description = {"Prints a script that completes the commands and flags of kubectl-kubervisor. Load it in the"
        + " current shell with:", "  source <(kubectl-kubervisor completion bash)",
        "or add that line to ~/.bashrc (~/.zshrc, with zsh instead of bash, for zsh)."})
final class CompletionCommand implements Runnable {

  /** The name the script completes: the plugin's executable, as it is on the PATH. */
  static final String EXECUTABLE = "kubectl-kubervisor";
  /** zsh runs bash's completion scripts once these are loaded. */
  private static final String ZSH_PRELUDE = """
      autoload -U +X compinit && compinit
      autoload -U +X bashcompinit && bashcompinit
      """;

  @ParentCommand
  RootCommand plugin;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh")
  String shell;

  @Override
  public void run() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw UsageException.of(spec, "knows bash and zsh, not " + shell);
    }
    String script = AutoComplete.bash(EXECUTABLE, spec.root().commandLine());
    plugin.out().print(shell.equals("zsh") ? ZSH_PRELUDE + script : script);
  }
}
