package io.kubervisor.bench.quality;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.StatusOr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

/**
 * Resolves any target to a fixed list of loopback ports, as an EDS answer listing every pod would: the client's load
 * balancer then sees each pod as one endpoint.
 */
final class StaticAddresses extends NameResolverProvider {

  static final String SCHEME = "pods";

  private final List<EquivalentAddressGroup> endpoints;

  StaticAddresses(List<Integer> ports) {
    this.endpoints = ports.stream()
        .map(port -> new EquivalentAddressGroup(
            (SocketAddress) new InetSocketAddress(InetAddress.getLoopbackAddress(), port)))
        .toList();
  }

  @Override
  public NameResolver newNameResolver(URI target, NameResolver.Args args) {
    return new NameResolver() {
      @Override
      public String getServiceAuthority() {
        return "pods";
      }

      @Override
      public void start(Listener2 listener) {
        listener.onResult2(ResolutionResult.newBuilder()
            .setAddressesOrError(StatusOr.fromValue(endpoints))
            .build());
      }

      @Override
      public void shutdown() {
      }
    };
  }

  @Override
  public String getDefaultScheme() {
    return SCHEME;
  }

  @Override
  protected boolean isAvailable() {
    return true;
  }

  @Override
  protected int priority() {
    return 5;
  }
}
