package io.kubervisor.detectors.http;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubervisor.api.v1alpha1.HttpEndpoint;
import io.kubervisor.api.v1alpha1.KeySelector;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the Secrets and ConfigMaps a detector's endpoint names, each with a single GET (kubervisor may not list or
 * watch them), in the BreakerConfig's namespace. A value read for the Authorization header loses one trailing newline,
 * which {@code echo > file; kubectl create secret --from-file} leaves.
 */
public class CredentialsResolver {

  private final KubernetesClient client;
  private final String forbiddenHint;

  public CredentialsResolver(KubernetesClient client) {
    this(client, "kubervisor needs RBAC get on it");
  }

  /** @param forbiddenHint what to do when the client may not read an object, for a user other than kubervisor */
  public CredentialsResolver(KubernetesClient client, String forbiddenHint) {
    this.client = client;
    this.forbiddenHint = forbiddenHint;
  }

  /** @throws CredentialsUnavailableException naming the object and key that could not be used */
  public Credentials resolve(String namespace, HttpEndpoint endpoint) {
    String authorization = null;
    if (endpoint.authorization != null) {
      authorization = endpoint.authorization.type + " "
          + withoutTrailingNewline(secretValue(namespace, endpoint.authorization.credentials, "authorization"));
    } else if (endpoint.basicAuth != null) {
      String username = withoutTrailingNewline(secretValue(namespace, endpoint.basicAuth.username, "basicAuth"));
      String password = withoutTrailingNewline(secretValue(namespace, endpoint.basicAuth.password, "basicAuth"));
      authorization = "Basic " + Base64.getEncoder()
          .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
    String caPem = null;
    if (endpoint.tls != null) {
      KeySelector secret = endpoint.tls.ca.secret;
      caPem = secret != null ? secretValue(namespace, secret, "tls.ca")
          : configMapValue(namespace, endpoint.tls.ca.configMap);
      // Parsed now, so a bad bundle is reported as such rather than as a failed handshake later.
      TrustedCas.certificates(caPem, secret != null ? describe("tls.ca", "Secret", namespace, secret)
          : describe("tls.ca", "ConfigMap", namespace, endpoint.tls.ca.configMap));
    }
    return new Credentials(authorization, caPem);
  }

  private String secretValue(String namespace, KeySelector ref, String field) {
    Secret secret = get(() -> client.secrets().inNamespace(namespace).withName(ref.name).get(),
        describe(field, "Secret", namespace, ref));
    Map<String, String> data = secret.getData();
    String encoded = data == null ? null : data.get(ref.key);
    if (encoded == null) {
      throw new CredentialsUnavailableException(describe(field, "Secret", namespace, ref) + ": no such key");
    }
    try {
      return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new CredentialsUnavailableException(describe(field, "Secret", namespace, ref) + ": not base64");
    }
  }

  private String configMapValue(String namespace, KeySelector ref) {
    String what = describe("tls.ca", "ConfigMap", namespace, ref);
    ConfigMap configMap = get(() -> client.configMaps().inNamespace(namespace).withName(ref.name).get(), what);
    if (configMap.getData() != null && configMap.getData().containsKey(ref.key)) {
      return configMap.getData().get(ref.key);
    }
    if (configMap.getBinaryData() != null && configMap.getBinaryData().containsKey(ref.key)) {
      return new String(Base64.getDecoder().decode(configMap.getBinaryData().get(ref.key)), StandardCharsets.UTF_8);
    }
    throw new CredentialsUnavailableException(what + ": no such key");
  }

  private <T> T get(Supplier<T> read, String what) {
    T found;
    try {
      found = read.get();
    } catch (KubernetesClientException e) {
      throw new CredentialsUnavailableException(what + ": cannot be read (HTTP " + e.getCode() + ")"
          + (e.getCode() == 403 ? "; " + forbiddenHint : ""));
    }
    if (found == null) {
      throw new CredentialsUnavailableException(what + ": not found");
    }
    return found;
  }

  static String describe(String field, String kind, String namespace, KeySelector ref) {
    return field + ": key '" + ref.key + "' of " + kind + " " + namespace + "/" + ref.name;
  }

  private static String withoutTrailingNewline(String value) {
    return value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
        : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
  }
}
