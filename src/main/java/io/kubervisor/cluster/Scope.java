package io.kubervisor.cluster;

/** The namespaces kubervisor supervises: one, or every namespace its service account may see. */
public record Scope(String namespace) {

  public static Scope of(String namespace) {
    return new Scope(namespace == null || namespace.isBlank() ? null : namespace.trim());
  }

  public boolean allNamespaces() {
    return namespace == null;
  }

  @Override
  public String toString() {
    return allNamespaces() ? "all namespaces" : "namespace " + namespace;
  }
}
