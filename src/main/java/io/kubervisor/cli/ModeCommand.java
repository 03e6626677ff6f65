package io.kubervisor.cli;

import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.Mode;

/** {@code enable}, {@code disable} and {@code dry-run NAME}: sets a BreakerConfig's mode. */
final class ModeCommand implements Command {

  private final String name;
  private final Mode mode;
  private final String effect;

  private ModeCommand(String name, Mode mode, String effect) {
    this.name = name;
    this.mode = mode;
    this.effect = effect;
  }

  static ModeCommand enable() {
    return new ModeCommand("enable", Mode.Enabled, "kubervisor acts on its decisions: anomalous pods leave traffic");
  }

  static ModeCommand disable() {
    return new ModeCommand("disable", Mode.Disabled,
        "kubervisor stops evaluating and returns every pod of the Service to traffic");
  }

  static ModeCommand dryRun() {
    return new ModeCommand("dry-run", Mode.DryRun, "kubervisor evaluates and records what it would do in the status"
        + " and in Events, touching no pod; the pods it took out return to traffic");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String synopsis() {
    return "NAME";
  }

  @Override
  public String summary() {
    return "set the BreakerConfig's mode to " + mode;
  }

  @Override
  public String description() {
    return "Sets spec.mode of the BreakerConfig NAME to " + mode + ": " + effect + ".";
  }

  @Override
  public void run(Invocation invocation) {
    String configName = invocation.argument("NAME");
    Cluster cluster = invocation.cluster();
    BreakerConfig config = cluster.breakerConfig(configName);
    Mode before = StatusReport.mode(config);
    if (before == mode) {
      invocation.out().println("breakerconfig " + configName + " is already " + mode + "; nothing to do");
      return;
    }
    cluster.patchBreakerConfig(configName, "{\"spec\":{\"mode\":\"" + mode + "\"}}");
    invocation.out().println("breakerconfig " + configName + ": mode " + mode + " (was " + before + "); " + effect);
  }
}
