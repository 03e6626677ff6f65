package io.kubervisor.backtest.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceUrlTest {

  @Test
  void aSvcHostIsCertainlyAServiceOfTheCluster() {
    ServiceUrl url = ServiceUrl.parse("http://prometheus.monitoring.svc:9090", "shop").orElseThrow();

    assertThat(url.explicit()).isTrue();
    assertThat(url.proxyPath()).isEqualTo("/api/v1/namespaces/monitoring/services/prometheus:9090/proxy");
    assertThat(ServiceUrl.parse("https://prom.mon.svc.cluster.local/prometheus/", "shop").orElseThrow().proxyPath())
        .isEqualTo("/api/v1/namespaces/mon/services/https:prom:443/proxy/prometheus");
  }

  @Test
  void nameDotNamespaceOrABareNameMayBeOneAsPodsResolveThem() {
    ServiceUrl qualified = ServiceUrl.parse("http://prometheus.monitoring:9090", "shop").orElseThrow();
    ServiceUrl bare = ServiceUrl.parse("http://prometheus", "shop").orElseThrow();

    assertThat(qualified.explicit()).isFalse();
    assertThat(qualified.namespace()).isEqualTo("monitoring");
    assertThat(bare.explicit()).isFalse();
    assertThat(bare.proxyPath()).isEqualTo("/api/v1/namespaces/shop/services/prometheus:80/proxy");
  }

  @Test
  void addressesAndLongerNamesAreNot() {
    assertThat(ServiceUrl.parse("http://10.0.0.7:9090", "shop")).isEmpty();
    assertThat(ServiceUrl.parse("https://prometheus.example.com", "shop")).isEmpty();
    assertThat(ServiceUrl.parse("http://localhost:9090", "shop")).isEmpty();
    assertThat(ServiceUrl.parse("http://prometheus.monitoring.svc:9090?x=1", "shop")).isEmpty();
  }
}
