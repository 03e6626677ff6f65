package io.kubervisor.cli.dashboard;

/**
 * The namespaces the dashboard shows: one, or every one ({@code -A}).
 *
 * @param namespace the namespace, or null for every one
 */
public record Scope(String namespace) {

  public static Scope of(String namespace, boolean allNamespaces) {
    return new Scope(allNamespaces ? null : namespace);
  }

  boolean all() {
    return namespace == null;
  }

  boolean contains(String namespace) {
    return all() || this.namespace.equals(namespace);
  }

  @Override
  public String toString() {
    return all() ? "every namespace" : "namespace " + namespace;
  }
}
