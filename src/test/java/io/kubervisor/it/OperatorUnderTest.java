package io.kubervisor.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The operator, run in the test JVM against a kubeconfig, with the routes of the working tree's routes/ folder. One
 * per JVM: the fabric8 client finds the kubeconfig through a system property.
 */
public final class OperatorUnderTest implements AutoCloseable {

  private final Main main;

  private OperatorUnderTest(Main main) {
    this.main = main;
  }

  /** @param leaseNamespace where its leader-election Lease lives, apart from any other operator's */
  public static OperatorUnderTest start(Path kubeconfig, String leaseNamespace) throws Exception {
    System.setProperty("kubeconfig", kubeconfig.toString());
    System.setProperty("kubervisor.lease-namespace", leaseNamespace);
    // A free port for its HTTP server, so it never collides with another operator or a local 8080.
    System.setProperty(OperatorProcess.HTTP_PORT, String.valueOf(freePort()));
    Main main = io.kubervisor.Main.create("file:routes/**/*.camel.yaml");
    main.start();
    return new OperatorUnderTest(main);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public CamelContext camelContext() {
    return main.getCamelContext();
  }

  @Override
  public void close() throws Exception {
    main.stop();
  }
}
