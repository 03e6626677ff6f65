package io.kubervisor.engine;

import io.fabric8.kubernetes.api.model.Condition;
import io.kubervisor.api.v1alpha1.BreakerConfigStatus;
import io.kubervisor.api.v1alpha1.Conditions;
import java.util.function.Function;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ManagementAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JMX MBean per supervised BreakerConfig, {@code io.kubervisor:type=BreakerConfig,namespace=NS,name=NAME}, beside
 * Camel's own: its passes, evaluations, detector errors and fleet, read live. One small MBean each, where routes per
 * BreakerConfig cost Camel dozens.
 */
class ManagedBreakerConfigs {

  private static final Logger LOG = LoggerFactory.getLogger(ManagedBreakerConfigs.class);
  static final String DOMAIN = "io.kubervisor";

  private final CamelContext camelContext;

  ManagedBreakerConfigs(CamelContext camelContext) {
    this.camelContext = camelContext;
  }

  void register(Supervision supervision) {
    ManagementAgent agent = agent();
    if (agent == null) {
      return;
    }
    try {
      agent.register(new View(supervision), name(supervision));
    } catch (Exception e) {
      LOG.debug("BreakerConfig {} not registered in JMX: {}", supervision.key(), e.getMessage());
    }
  }

  void unregister(Supervision supervision) {
    ManagementAgent agent = agent();
    if (agent == null) {
      return;
    }
    try {
      agent.unregister(name(supervision));
    } catch (Exception e) {
      LOG.debug("BreakerConfig {} not unregistered from JMX: {}", supervision.key(), e.getMessage());
    }
  }

  private ManagementAgent agent() {
    return camelContext.getManagementStrategy() == null ? null
        : camelContext.getManagementStrategy().getManagementAgent();
  }

  static ObjectName name(Supervision supervision) throws MalformedObjectNameException {
    return new ObjectName(DOMAIN + ":type=BreakerConfig,namespace=" + ObjectName.quote(supervision.namespace)
        + ",name=" + ObjectName.quote(supervision.name));
  }

  /**
   * What JMX shows of one BreakerConfig. A standard MBean: its description is built once for the class, where Camel's
   * model MBeans would build one per BreakerConfig.
   */
  public interface ViewMBean {
    long getPasses();

    long getEvaluations();

    long getDetectorErrors();

    String getLastEvaluation();

    long getLastPassMillis();

    int getManaged();

    int getDesired();

    int getFloor();

    int getInTraffic();

    int getBroken();

    int getPaused();

    String getReady();
  }

  /** The live values of one BreakerConfig. */
  public static final class View implements ViewMBean {

    private final Supervision supervision;

    View(Supervision supervision) {
      this.supervision = supervision;
    }

    @Override
    public long getPasses() {
      return supervision.passes;
    }

    @Override
    public long getEvaluations() {
      return supervision.evaluations;
    }

    @Override
    public long getDetectorErrors() {
      return supervision.detectorErrors;
    }

    @Override
    public String getLastEvaluation() {
      return String.valueOf(supervision.lastEvaluation);
    }

    @Override
    public long getLastPassMillis() {
      return supervision.lastPassMillis;
    }

    @Override
    public int getManaged() {
      return count(s -> s.managed);
    }

    @Override
    public int getDesired() {
      return count(s -> s.desired);
    }

    @Override
    public int getFloor() {
      return count(s -> s.floor);
    }

    @Override
    public int getInTraffic() {
      return count(s -> s.inTraffic);
    }

    @Override
    public int getBroken() {
      return count(s -> s.broken);
    }

    @Override
    public int getPaused() {
      return count(s -> s.paused);
    }

    @Override
    public String getReady() {
      BreakerConfigStatus status = supervision.lastStatus;
      return status == null ? "" : status.conditions.stream().filter(c -> Conditions.READY.equals(c.getType()))
          .map(Condition::getReason).findFirst().orElse("");
    }

    private int count(Function<BreakerConfigStatus, Integer> field) {
      BreakerConfigStatus status = supervision.lastStatus;
      Integer value = status == null ? null : field.apply(status);
      return value == null ? 0 : value;
    }
  }
}
