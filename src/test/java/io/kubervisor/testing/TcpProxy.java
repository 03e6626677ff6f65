package io.kubervisor.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A TCP proxy on loopback that a test controls, to partition one client (say, one operator replica) from the API
 * server without stopping either: {@link #cut()} resets every connection, and every new one until {@link #heal()}.
 * It forwards raw bytes, so TLS passes through: the API server's certificate has the IP SAN 127.0.0.1, the host
 * of {@link #url()}. Blocking sockets, two daemon threads per connection.
 */
public final class TcpProxy implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TcpProxy.class.getName());
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int BUFFER_SIZE = 16 * 1024;

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesFromClient = new AtomicLong();
    private boolean cut;
    private boolean closed;

    private TcpProxy(InetSocketAddress target, ServerSocket listener) {
        this.target = target;
        this.listener = listener;
    }

    /** Listens on a free port of 127.0.0.1 and forwards each connection to {@code targetHost:targetPort}. */
    public static TcpProxy start(String targetHost, int targetPort) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        TcpProxy proxy = new TcpProxy(new InetSocketAddress(targetHost, targetPort), listener);
        startDaemon("tcp-proxy-" + proxy.port() + "-accept", proxy::acceptLoop);
        return proxy;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code https://127.0.0.1:<port>}: where a client of a TLS target (the API server) should connect. */
    public String url() {
        return "https://127.0.0.1:" + port();
    }

    /**
     * Like a network partition, but failing fast: resets every open connection, dropping whatever it had not yet
     * forwarded, and resets each new one as soon as it is accepted, until {@link #heal()}.
     */
    public void cut() {
        synchronized (this) {
            cut = true;
        }
        resetAll();
    }

    /** Forwards new connections again; the ones {@link #cut()} reset stay closed. */
    public synchronized void heal() {
        cut = false;
    }

    /** Bytes forwarded from clients to the target since {@link #start}. */
    public long bytesFromClient() {
        return bytesFromClient.get();
    }

    /** Stops listening and resets every connection. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeQuietly(listener);
        resetAll();
    }

    private void acceptLoop() {
        while (true) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!isClosed()) {
                    // Closing makes clients fail at once instead of waiting in the backlog of a dead accept loop.
                    LOG.log(System.Logger.Level.WARNING, "proxy on port " + port() + " cannot accept; closing it", e);
                    close();
                }
                return;
            }
            admit(new Connection(client));
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Under the lock, so that {@link #cut()} either sees the connection in the set or it sees the cut. */
    private synchronized void admit(Connection connection) {
        if (cut || closed) {
            connection.reset();
            return;
        }
        connections.add(connection);
        startDaemon("tcp-proxy-" + port() + "-from-client", connection::forward);
    }

    private void resetAll() {
        List.copyOf(connections).forEach(Connection::reset);
    }

    private static void startDaemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception alreadyBroken) {
            // Nothing left to release.
        }
    }

    private final class Connection {

        private final Socket client;
        /** Unconnected until {@link #forward()}: a reset before or during the connect makes the connect fail. */
        private final Socket upstream = new Socket();
        private final AtomicInteger openDirections = new AtomicInteger(2);

        Connection(Socket client) {
            this.client = client;
        }

        void forward() {
            try {
                upstream.connect(target, CONNECT_TIMEOUT_MILLIS);
            } catch (IOException targetDownOrCut) {
                reset();
                return;
            }
            startDaemon("tcp-proxy-" + port() + "-to-client", () -> pump(upstream, client, read -> { }));
            pump(client, upstream, bytesFromClient::addAndGet);
        }

        /** Copies until EOF, then half-closes {@code to}; the connection ends when both directions have. */
        private void pump(Socket from, Socket to, LongConsumer forwarded) {
            byte[] buffer = new byte[BUFFER_SIZE];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                    // Fails once a cut has closed the sockets: bytes read before the cut are dropped, not sent late.
                    out.write(buffer, 0, read);
                    forwarded.accept(read);
                }
                to.shutdownOutput();
                if (openDirections.decrementAndGet() == 0) {
                    connections.remove(this);
                    closeQuietly(client);
                    closeQuietly(upstream);
                }
            } catch (IOException resetOrCut) {
                reset();
            }
        }

        /** Closes both sockets with an RST (linger 0), which also discards what the kernel still buffers. */
        void reset() {
            connections.remove(this);
            for (Socket socket : List.of(client, upstream)) {
                try {
                    socket.setSoLinger(true, 0);
                } catch (IOException alreadyClosed) {
                    // Closing it again below is harmless.
                }
                closeQuietly(socket);
            }
        }
    }
}
