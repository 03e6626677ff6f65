package io.kubervisor.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code resume POD}: asks kubervisor to bring a paused pod back, by the annotation it watches for. */
@Command(name = "resume", customSynopsis = "POD", header = "bring a paused pod back to traffic, with a clean record",
    description = "Annotates the paused pod POD with kubervisor.io/resume=true. kubervisor returns it to traffic at"
        + " its next activator tick (about a second), with its retry count and annotations cleared. Only a paused pod"
        + " (kubervisor/traffic=pause) can be resumed: a broken one is retried by kubervisor itself.")
final class ResumeCommand implements Runnable {

  @ParentCommand
  RootCommand plugin;

  @Parameters(paramLabel = "POD", description = "the paused pod")
  String pod;

  @Override
  public void run() {
    plugin.out().println(Steering.resume(plugin.cluster(), pod));
  }
}
