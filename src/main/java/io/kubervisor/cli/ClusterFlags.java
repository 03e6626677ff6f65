package io.kubervisor.cli;

/**
 * The flags that pick the cluster and the namespace, as kubectl reads them; each null when not given.
 *
 * @param kubeconfig the file of --kubeconfig
 * @param context the context of --context
 * @param namespace the namespace of -n
 */
record ClusterFlags(String kubeconfig, String context, String namespace) {}
