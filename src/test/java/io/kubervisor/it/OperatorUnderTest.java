package io.kubervisor.it;

import io.kubervisor.OperatorConfiguration;
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
    Main main = new Main();
    main.configure().addConfiguration(OperatorConfiguration.class);
    main.configure().withRoutesIncludePattern("file:routes/**/*.camel.yaml");
    main.start();
    return new OperatorUnderTest(main);
  }

  public CamelContext camelContext() {
    return main.getCamelContext();
  }

  @Override
  public void close() throws Exception {
    main.stop();
  }
}
