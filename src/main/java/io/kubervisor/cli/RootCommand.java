package io.kubervisor.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl kubervisor} itself: the verbs, and the flags every verb takes (before or after it, as kubectl
 * allows). The verbs reach the session through it, as their {@code @ParentCommand}.
 */
@Command(name = "kubectl kubervisor", customSynopsis = "COMMAND [ARGUMENTS] [FLAGS]",
    header = "kubectl kubervisor: see and steer kubervisor, which decides which pods of a Service get traffic.",
    optionListHeading = "%nFlags of every command:%n",
    footer = "%n'kubectl kubervisor COMMAND --help' explains a command.",
    subcommands = {StatusCommand.class, ActivateCommand.class, DeactivateCommand.class, ModeCommand.Enable.class,
        ModeCommand.Disable.class, ModeCommand.DryRun.class, ResumeCommand.class, ExplainCommand.class,
        BacktestCommand.class, DashboardCommand.class, CompletionCommand.class})
final class RootCommand implements Callable<Integer> {

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", scope = ScopeType.INHERIT,
      description = "the namespace (default: the kubeconfig context's)")
  String namespace;

  @Option(names = "--kubeconfig", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)")
  String kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", scope = ScopeType.INHERIT,
      description = "the kubeconfig context (default: its current one)")
  String context;

  @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "this help")
  boolean help;

  @Spec
  CommandSpec spec;

  private final Session session;

  RootCommand(Session session) {
    this.session = session;
  }

  /** Without a verb: the help, as an error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(session.err());
    return UsageException.EXIT_CODE;
  }

  /** The cluster the flags name, connected on first use. */
  Cluster cluster() {
    return session.cluster(new ClusterFlags(kubeconfig, context, namespace));
  }

  PrintStream out() {
    return session.out();
  }

  PrintStream err() {
    return session.err();
  }

  Instant now() {
    return session.now();
  }
}
