package io.kubervisor.sandbox;

import java.util.List;

/** The pods a Service sends traffic to now: the ready endpoints of its EndpointSlices, by pod name. */
@FunctionalInterface
public interface Endpoints {
  List<String> ready();
}
