package io.kubervisor.detectors;

import java.util.List;

/**
 * What a detector route receives as its body (and, for custom routes, also as the headers named in
 * {@link DetectorExchange}): the Service and the pods to judge, the managed pods that are in traffic now.
 */
public record DetectorRequest(String namespace, String service, String breakerConfig, String breaker,
    List<String> pods) {}
