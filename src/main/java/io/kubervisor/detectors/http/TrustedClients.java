package io.kubervisor.detectors.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTP clients for detector calls: one that trusts the JVM's default authorities, or one that trusts only a CA bundle.
 * Both verify the server's certificate and host name; nothing here can turn that off.
 */
final class TrustedClients {

  /** Bounds connecting; the whole call is bounded by its own timeout too. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  static final HttpClient DEFAULT = builder().build();

  private TrustedClients() {}

  /** A client that trusts the certificates of the PEM bundle and nothing else. */
  static HttpClient trusting(String caPem) {
    try {
      KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
      trustStore.load(null, null);
      List<Certificate> certificates = certificates(caPem, "tls.ca");
      for (int i = 0; i < certificates.size(); i++) {
        trustStore.setCertificateEntry("ca-" + i, certificates.get(i));
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trust.getTrustManagers(), null);
      return builder().sslContext(tls).build();
    } catch (GeneralSecurityException | IOException e) {
      throw new CredentialsUnavailableException("tls.ca: cannot build a trust store: " + e.getMessage());
    }
  }

  /** @throws CredentialsUnavailableException when the text holds no PEM certificate */
  static List<Certificate> certificates(String pem, String what) {
    List<Certificate> certificates;
    try {
      certificates = new ArrayList<>(CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
    } catch (CertificateException e) {
      throw new CredentialsUnavailableException(what + ": not a PEM certificate bundle (" + e.getMessage() + ")");
    }
    if (certificates.isEmpty()) {
      throw new CredentialsUnavailableException(what + ": holds no PEM certificate");
    }
    return certificates;
  }

  private static HttpClient.Builder builder() {
    // HTTP/1.1: no h2c upgrade attempt on plain http; redirects are not followed, so credentials go nowhere else.
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER);
  }
}
