package io.kubervisor.testing;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The control plane's certificates and keys, made with the openssl CLI (no extra Java dependency): a CA, a
 * serving certificate for the loopback components, the admin client certificate and the service-account key pair;
 * client certificates for other users on demand.
 */
final class Pki {

    private static final String DAYS = "3650";
    /** Safe both in openssl's -subj (no '/', '+', '=', '\\') and in a file name. */
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]*");

    final Path caCert;
    final Path caKey;
    final Path servingCert;
    final Path servingKey;
    final Path adminCert;
    final Path adminKey;
    final Path serviceAccountKey;
    final Path serviceAccountPublicKey;

    private final Path dir;
    private final Map<String, ClientCert> clientCerts = new HashMap<>();

    record ClientCert(Path cert, Path key) {
    }

    private Pki(Path dir) {
        this.dir = dir;
        caCert = dir.resolve("ca.crt");
        caKey = dir.resolve("ca.key");
        servingCert = dir.resolve("serving.crt");
        servingKey = dir.resolve("serving.key");
        adminCert = dir.resolve("admin.crt");
        adminKey = dir.resolve("admin.key");
        serviceAccountKey = dir.resolve("sa.key");
        serviceAccountPublicKey = dir.resolve("sa.pub");
    }

    /** @param servingSans subjectAltName entries of the serving certificate, e.g. {@code IP:127.0.0.1} */
    static Pki generate(Path dir, List<String> servingSans) throws IOException {
        Files.createDirectories(dir);
        Pki pki = new Pki(dir);
        pki.openssl("genrsa", "-out", pki.caKey.toString(), "2048");
        pki.openssl("req", "-x509", "-new", "-key", pki.caKey.toString(), "-subj", "/CN=kubervisor-test-ca",
                "-days", DAYS, "-out", pki.caCert.toString());
        pki.issue("serving", "/CN=kube-apiserver", "serverAuth", servingSans, pki.servingKey, pki.servingCert);
        // O=system:masters is the group that RBAC lets do anything.
        pki.issue("admin", "/O=system:masters/CN=kubervisor-admin", "clientAuth", List.of(), pki.adminKey, pki.adminCert);
        pki.openssl("genrsa", "-out", pki.serviceAccountKey.toString(), "2048");
        pki.openssl("rsa", "-in", pki.serviceAccountKey.toString(), "-pubout", "-out",
                pki.serviceAccountPublicKey.toString());
        return pki;
    }

    /**
     * A serving certificate for 127.0.0.1 from a CA of its own, for a test server the API server calls: the API
     * server trusts that CA alone (a caBundle), not the control plane's.
     *
     * @return the CA certificate, and the serving key and certificate as a PKCS#12 key store with {@code password}
     */
    static LoopbackServing loopbackServing(Path dir, String password) throws IOException {
        Files.createDirectories(dir);
        Pki pki = new Pki(dir);
        pki.openssl("genrsa", "-out", pki.caKey.toString(), "2048");
        pki.openssl("req", "-x509", "-new", "-key", pki.caKey.toString(), "-subj", "/CN=kubervisor-test-server-ca",
                "-days", DAYS, "-out", pki.caCert.toString());
        pki.issue("serving", "/CN=127.0.0.1", "serverAuth", List.of("IP:127.0.0.1"), pki.servingKey, pki.servingCert);
        Path keyStore = dir.resolve("serving.p12");
        pki.openssl("pkcs12", "-export", "-in", pki.servingCert.toString(), "-inkey", pki.servingKey.toString(),
                "-passout", "pass:" + password, "-out", keyStore.toString());
        return new LoopbackServing(pki.caCert, keyStore);
    }

    record LoopbackServing(Path caCert, Path keyStore) {
    }

    /** A client certificate with CN={@code user} in group system:masters, issued on first use. */
    synchronized ClientCert clientCert(String user) throws IOException {
        ClientCert cached = clientCerts.get(user);
        if (cached != null) {
            return cached;
        }
        if (!USER_NAME.matcher(user).matches()) {
            throw new IllegalArgumentException("user name not of the form " + USER_NAME + ": " + user);
        }
        String name = "user-" + user;
        ClientCert issued = new ClientCert(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
        issue(name, "/O=system:masters/CN=" + user, "clientAuth", List.of(), issued.key(), issued.cert());
        clientCerts.put(user, issued);
        return issued;
    }

    private void issue(String name, String subject, String extendedKeyUsage, List<String> sans, Path key, Path cert)
            throws IOException {
        Path csr = dir.resolve(name + ".csr");
        Path ext = dir.resolve(name + ".ext");
        List<String> extensions = new ArrayList<>(List.of(
                "basicConstraints=critical,CA:FALSE",
                "keyUsage=critical,digitalSignature,keyEncipherment",
                "extendedKeyUsage=" + extendedKeyUsage));
        if (!sans.isEmpty()) {
            extensions.add("subjectAltName=" + String.join(",", sans));
        }
        Files.write(ext, extensions, StandardCharsets.UTF_8);
        openssl("genrsa", "-out", key.toString(), "2048");
        openssl("req", "-new", "-key", key.toString(), "-subj", subject, "-out", csr.toString());
        // Without -CAserial, openssl 3 picks a random serial and writes no serial file.
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-days", DAYS, "-extfile", ext.toString(), "-out", cert.toString());
    }

    private void openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IOException("cannot run openssl (install Debian's 'openssl' package): " + command, e);
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("openssl failed: " + command + "\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running openssl");
        }
    }
}
