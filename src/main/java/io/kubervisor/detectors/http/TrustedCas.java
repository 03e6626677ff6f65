package io.kubervisor.detectors.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * The TLS settings camel-http uses to call a detector that trusts only a CA bundle, and the backtest to ask its
 * Prometheus. The server's certificate and host name are always verified; nothing here can turn that off. Without a
 * bundle, camel-http trusts the JVM's authorities.
 */
public final class TrustedCas {

  private TrustedCas() {}

  /** SSL parameters that trust the certificates of the PEM bundle and nothing else. */
  static SSLContextParameters trusting(String caPem) {
    TrustManagersParameters trust = new TrustManagersParameters();
    trust.setTrustManager(trustManagers(caPem)[0]);
    SSLContextParameters parameters = new SSLContextParameters();
    parameters.setTrustManagers(trust);
    return parameters;
  }

  /** A TLS context that trusts the certificates of the PEM bundle and nothing else. */
  public static SSLContext sslContext(String caPem) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trustManagers(caPem), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new CredentialsUnavailableException("tls.ca: cannot build a TLS context: " + e.getMessage());
    }
  }

  private static TrustManager[] trustManagers(String caPem) {
    try {
      KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
      trustStore.load(null, null);
      List<Certificate> certificates = certificates(caPem, "tls.ca");
      for (int i = 0; i < certificates.size(); i++) {
        trustStore.setCertificateEntry("ca-" + i, certificates.get(i));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trustStore);
      return factory.getTrustManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new CredentialsUnavailableException("tls.ca: cannot build a trust store: " + e.getMessage());
    }
  }

  /**
   * The registry name of a bundle's parameters, which the camel-http endpoint refers to: one endpoint, and one
   * connection pool, per bundle; a rotated bundle gets a new name.
   */
  static String beanName(String caPem) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(caPem.getBytes(StandardCharsets.UTF_8));
      return "kubervisorDetectorTls-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
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
}
