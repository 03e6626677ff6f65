package io.kubervisor.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Configures kubervisor for one Service: which detectors judge its pods, how far the fleet may shrink, and how
 * ejected pods come back. The status reports the health of the Service's fleet.
 */
@Group(BreakerConfig.GROUP)
@Version(BreakerConfig.VERSION)
@ShortNames("bc")
@AdditionalPrinterColumn(name = "Service", jsonPath = ".spec.service", type = Type.STRING)
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".spec.mode", type = Type.STRING)
@AdditionalPrinterColumn(name = "Managed", jsonPath = ".status.managed", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "In traffic", jsonPath = ".status.inTraffic", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Broken", jsonPath = ".status.broken", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Paused", jsonPath = ".status.paused", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class BreakerConfig extends CustomResource<BreakerConfigSpec, BreakerConfigStatus> implements Namespaced {
  public static final String GROUP = "kubervisor.io";
  public static final String VERSION = "v1alpha1";
}
