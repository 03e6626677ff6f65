package io.kubervisor.cli;

import io.kubervisor.api.v1alpha1.Mode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code enable}, {@code disable} and {@code dry-run NAME}: sets a BreakerConfig's mode. */
abstract class ModeCommand implements Runnable {

  @ParentCommand
  RootCommand plugin;

  @Parameters(paramLabel = "NAME", description = "the BreakerConfig")
  String name;

  private final Mode mode;

  ModeCommand(Mode mode) {
    this.mode = mode;
  }

  @Override
  public void run() {
    plugin.out().println(Steering.setMode(plugin.cluster(), name, mode));
  }

  @Command(name = "enable", customSynopsis = "NAME", header = "set the BreakerConfig's mode to Enabled",
      description = "Sets spec.mode of the BreakerConfig NAME to Enabled: " + Steering.ENABLED_EFFECT + ".")
  static final class Enable extends ModeCommand {
    Enable() {
      super(Mode.Enabled);
    }
  }

  @Command(name = "disable", customSynopsis = "NAME", header = "set the BreakerConfig's mode to Disabled",
      description = "Sets spec.mode of the BreakerConfig NAME to Disabled: " + Steering.DISABLED_EFFECT + ".")
  static final class Disable extends ModeCommand {
    Disable() {
      super(Mode.Disabled);
    }
  }

  @Command(name = "dry-run", customSynopsis = "NAME", header = "set the BreakerConfig's mode to DryRun",
      description = "Sets spec.mode of the BreakerConfig NAME to DryRun: " + Steering.DRY_RUN_EFFECT + ".")
  static final class DryRun extends ModeCommand {
    DryRun() {
      super(Mode.DryRun);
    }
  }
}
