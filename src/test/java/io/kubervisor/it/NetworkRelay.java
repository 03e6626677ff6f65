package io.kubervisor.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwards TCP connections from an address of this machine that a pod could have to a port on loopback: the API
 * server's service proxy refuses loopback endpoints, so a test server behind a Service is reached through this.
 */
final class NetworkRelay implements AutoCloseable {

  private final ServerSocket listener;
  private final int target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

  private NetworkRelay(ServerSocket listener, int target) {
    this.listener = listener;
    this.target = target;
  }

  /** Listens on a free port of this machine's first non-loopback IPv4 address and forwards to 127.0.0.1:port. */
  static NetworkRelay to(int port) throws IOException {
    NetworkRelay relay = new NetworkRelay(new ServerSocket(0, 50, address()), port);
    daemon(relay::accept);
    return relay;
  }

  String ip() {
    return listener.getInetAddress().getHostAddress();
  }

  int port() {
    return listener.getLocalPort();
  }

  private static InetAddress address() throws SocketException {
    return NetworkInterface.networkInterfaces().filter(NetworkRelay::up)
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .findFirst().orElseThrow(() -> new IllegalStateException("this machine has no non-loopback IPv4 address for"
            + " the API server's service proxy to reach"));
  }

  private static boolean up(NetworkInterface network) {
    try {
      return network.isUp() && !network.isLoopback();
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket("127.0.0.1", target);
        sockets.add(client);
        sockets.add(server);
        daemon(() -> copy(client, server));
        daemon(() -> copy(server, client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Copies one direction until its end, then passes the end on; the sockets close with the relay. */
  private static void copy(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException closed) {
      // either side went away: nothing more to forward
    }
  }

  private static void daemon(Runnable task) {
    Thread thread = new Thread(task, "network-relay");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
