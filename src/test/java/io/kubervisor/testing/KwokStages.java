package io.kubervisor.testing;

/**
 * kwok's configuration: the Stages by which kwok plays the kubelet. The kwok binary has no built-in stages
 * (kwokctl normally supplies them), so without these it refuses to start. Node and Pod status given here is
 * applied as a strategic merge patch, so fields set elsewhere (Node capacity, the PodScheduled condition) stay.
 * Not modelled: readiness probes, readiness gates (Ready turns True regardless), container restarts, Pods that
 * run to completion (Jobs).
 */
final class KwokStages {

    static final String YAML = """
            # A managed Node that is not Ready yet becomes Ready with no pressure conditions.
            apiVersion: kwok.x-k8s.io/v1alpha1
            kind: Stage
            metadata:
              name: kubervisor-node-ready
            spec:
              resourceRef:
                apiGroup: v1
                kind: Node
              selector:
                matchExpressions:
                - key: '.status.conditions.[] | select( .type == "Ready" ) | .status'
                  operator: NotIn
                  values: ["True"]
              next:
                statusTemplate: |
                  {{ $now := Now | Quote }}
                  phase: Running
                  conditions:
                  - {type: Ready, status: "True", reason: KubeletReady, message: "kwok plays the kubelet", lastHeartbeatTime: {{ $now }}, lastTransitionTime: {{ $now }}}
                  - {type: MemoryPressure, status: "False", reason: KubeletHasSufficientMemory, lastHeartbeatTime: {{ $now }}, lastTransitionTime: {{ $now }}}
                  - {type: DiskPressure, status: "False", reason: KubeletHasNoDiskPressure, lastHeartbeatTime: {{ $now }}, lastTransitionTime: {{ $now }}}
                  - {type: PIDPressure, status: "False", reason: KubeletHasSufficientPID, lastHeartbeatTime: {{ $now }}, lastTransitionTime: {{ $now }}}
            ---
            # A scheduled Pod starts at once: every container running and ready, a pod IP from kwok's --cidr.
            apiVersion: kwok.x-k8s.io/v1alpha1
            kind: Stage
            metadata:
              name: kubervisor-pod-running
            spec:
              resourceRef:
                apiGroup: v1
                kind: Pod
              selector:
                matchExpressions:
                - key: .metadata.deletionTimestamp
                  operator: DoesNotExist
                - key: .status.phase
                  operator: In
                  values: [Pending]
              next:
                statusTemplate: |
                  {{ $now := Now | Quote }}
                  phase: Running
                  startTime: {{ $now }}
                  conditions:
                  - {type: Initialized, status: "True", lastTransitionTime: {{ $now }}}
                  - {type: ContainersReady, status: "True", lastTransitionTime: {{ $now }}}
                  - {type: Ready, status: "True", lastTransitionTime: {{ $now }}}
                  containerStatuses:
                  {{ range .spec.containers }}
                  - name: {{ .name | Quote }}
                    image: {{ .image | Quote }}
                    imageID: ""
                    ready: true
                    started: true
                    restartCount: 0
                    state: {running: {startedAt: {{ $now }}}}
                  {{ end }}
                  {{ with NodeIPsWith .spec.nodeName }}
                  hostIP: {{ index . 0 | Quote }}
                  hostIPs:
                  {{ range . }}
                  - ip: {{ . | Quote }}
                  {{ end }}
                  {{ end }}
                  {{ with PodIPsWith .spec.nodeName ( or .spec.hostNetwork false ) .metadata.uid .metadata.name .metadata.namespace }}
                  podIP: {{ index . 0 | Quote }}
                  podIPs:
                  {{ range . }}
                  - ip: {{ . | Quote }}
                  {{ end }}
                  {{ end }}
            ---
            # A Pod being deleted goes away at once, as if its containers stopped within the grace period.
            apiVersion: kwok.x-k8s.io/v1alpha1
            kind: Stage
            metadata:
              name: kubervisor-pod-delete
            spec:
              resourceRef:
                apiGroup: v1
                kind: Pod
              selector:
                matchExpressions:
                - key: .metadata.deletionTimestamp
                  operator: Exists
              next:
                delete: true
            """;

    private KwokStages() {
    }
}
