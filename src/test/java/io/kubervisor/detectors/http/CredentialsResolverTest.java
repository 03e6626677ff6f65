package io.kubervisor.detectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kubervisor.api.v1alpha1.Authorization;
import io.kubervisor.api.v1alpha1.BasicAuth;
import io.kubervisor.api.v1alpha1.CaBundle;
import io.kubervisor.api.v1alpha1.ExternalDetector;
import io.kubervisor.api.v1alpha1.KeySelector;
import io.kubervisor.api.v1alpha1.TlsConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading a detector's references: the fabric8 mock API server stands in for the cluster (a unit-test aid only). */
@EnableKubernetesMockClient(crud = true)
class CredentialsResolverTest {

  private static final String NS = "shop";
  private static final String PASSWORD = "pa55-w0rd";

  KubernetesClient client;
  private CredentialsResolver resolver;

  @BeforeEach
  void secrets() {
    resolver = new CredentialsResolver(client);
    client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("prom").endMetadata()
        .addToData(Map.of("user", base64("kubervisor"), "password", base64(PASSWORD + "\n"),
            "token", base64("t0ken\n"), "junk", base64("not a certificate")))
        .build()).create();
    client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("ca").endMetadata()
        .addToData("ca.crt", "-----BEGIN CERTIFICATE-----\nnonsense\n-----END CERTIFICATE-----\n").build()).create();
  }

  @Test
  void bearerTokenLosesItsTrailingNewline() {
    ExternalDetector endpoint = new ExternalDetector();
    endpoint.authorization = new Authorization();
    endpoint.authorization.credentials = new KeySelector("prom", "token");

    assertThat(resolver.resolve(NS, endpoint).authorization()).isEqualTo("Bearer t0ken");
  }

  @Test
  void basicAuthIsEncodedFromBothKeys() {
    Credentials credentials = resolver.resolve(NS, basicAuth("password"));

    assertThat(credentials.authorization()).isEqualTo("Basic " + base64("kubervisor:" + PASSWORD));
    assertThat(credentials.toString()).doesNotContain(PASSWORD).doesNotContain(base64("kubervisor:" + PASSWORD));
  }

  @Test
  void aMissingSecretOrKeyIsNamedWithoutAnyValue() {
    ExternalDetector missingSecret = new ExternalDetector();
    missingSecret.authorization = new Authorization();
    missingSecret.authorization.credentials = new KeySelector("nope", "token");

    assertThatThrownBy(() -> resolver.resolve(NS, missingSecret))
        .isInstanceOf(CredentialsUnavailableException.class)
        .hasMessage("authorization: key 'token' of Secret shop/nope: not found");
    assertThatThrownBy(() -> resolver.resolve(NS, basicAuth("passwd")))
        .isInstanceOf(CredentialsUnavailableException.class)
        .hasMessage("basicAuth: key 'passwd' of Secret shop/prom: no such key");
  }

  @Test
  void aCaBundleThatIsNoCertificateIsRefusedAtOnce() {
    ExternalDetector fromConfigMap = tls(new KeySelector("ca", "ca.crt"), null);
    ExternalDetector fromSecret = tls(null, new KeySelector("prom", "junk"));
    ExternalDetector missingKey = tls(new KeySelector("ca", "bundle.pem"), null);

    assertThatThrownBy(() -> resolver.resolve(NS, fromConfigMap)).isInstanceOf(CredentialsUnavailableException.class)
        .hasMessageStartingWith("tls.ca: key 'ca.crt' of ConfigMap shop/ca: not a PEM certificate bundle");
    assertThatThrownBy(() -> resolver.resolve(NS, fromSecret)).isInstanceOf(CredentialsUnavailableException.class)
        .hasMessageStartingWith("tls.ca: key 'junk' of Secret shop/prom:").hasMessageNotContaining("not a certificate");
    assertThatThrownBy(() -> resolver.resolve(NS, missingKey)).isInstanceOf(CredentialsUnavailableException.class)
        .hasMessage("tls.ca: key 'bundle.pem' of ConfigMap shop/ca: no such key");
  }

  private static ExternalDetector basicAuth(String passwordKey) {
    ExternalDetector endpoint = new ExternalDetector();
    endpoint.basicAuth = new BasicAuth();
    endpoint.basicAuth.username = new KeySelector("prom", "user");
    endpoint.basicAuth.password = new KeySelector("prom", passwordKey);
    return endpoint;
  }

  private static ExternalDetector tls(KeySelector configMap, KeySelector secret) {
    ExternalDetector endpoint = new ExternalDetector();
    endpoint.tls = new TlsConfig();
    endpoint.tls.ca = new CaBundle();
    endpoint.tls.ca.configMap = configMap;
    endpoint.tls.ca.secret = secret;
    return endpoint;
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
