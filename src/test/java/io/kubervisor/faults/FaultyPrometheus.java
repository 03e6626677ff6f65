package io.kubervisor.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * A Prometheus that fails as a test says, in front of a real one: it answers each query by asking the real Prometheus,
 * or as a broken one would. When the real one is down, the connection is reset, as a refused one would be. Every answer
 * closes its connection, so a new fault applies from the very next query.
 */
final class FaultyPrometheus implements AutoCloseable {

  enum Fault {
    /** The real Prometheus' answer, or a reset connection when it is down. */
    NONE,
    /** No answer until the caller hangs up: slower than any timeout. */
    SLOW,
    /** An HTML page, as a proxy in front of Prometheus answers when it is lost. */
    HTML,
    /** The real answer cut in the middle of its JSON. */
    TRUNCATED_JSON,
    /** Prometheus' own error answer: HTTP 422 and {@code "status":"error"}. */
    STATUS_ERROR,
    /** The real answer, with every value NaN. */
    NAN_VALUES
  }

  /** What a real Prometheus says when a query needs more than it may load. */
  static final String QUERY_ERROR = "query processing would load too many samples into memory in query execution";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SLOW_HOLD = Duration.ofSeconds(60);

  private final String upstream;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "faulty-prometheus");
    thread.setDaemon(true);
    return thread;
  });
  private volatile Fault fault = Fault.NONE;

  /** @param upstream the real Prometheus' base URL */
  FaultyPrometheus(String upstream) throws IOException {
    this.upstream = upstream;
    connections.execute(() -> {
      while (!listener.isClosed()) {
        try {
          Socket connection = listener.accept();
          connections.execute(() -> serve(connection));
        } catch (IOException closed) {
          return;
        }
      }
    });
  }

  String url() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  void fault(Fault next) {
    fault = next;
  }

  private void serve(Socket connection) {
    try (connection) {
      String path = requestPath(connection.getInputStream());
      switch (fault) {
        case NONE -> relay(connection, path, body -> body);
        case SLOW -> awaitHangUp(connection);
        case HTML -> answer(connection, 200, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
        case TRUNCATED_JSON -> relay(connection, path, body -> body.substring(0, body.length() / 2));
        case STATUS_ERROR -> answer(connection, 422, "application/json",
            JSON.createObjectNode().put("status", "error").put("errorType", "execution").put("error", QUERY_ERROR)
                .toString());
        case NAN_VALUES -> relay(connection, path, FaultyPrometheus::everyValueNaN);
      }
    } catch (IOException hungUp) {
      // the caller went away first
    }
  }

  /** Asks the real Prometheus and answers what {@code edit} makes of its body; resets the connection if it is down. */
  private void relay(Socket connection, String path, UnaryOperator<String> edit)
      throws IOException {
    HttpResponse<String> real;
    try {
      real = http.send(HttpRequest.newBuilder(URI.create(upstream + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException down) {
      connection.setSoLinger(true, 0);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    answer(connection, real.statusCode(), "application/json", edit.apply(real.body()));
  }

  /** Holds the request unanswered; the read returns when the caller closes the connection. */
  private static void awaitHangUp(Socket connection) throws IOException {
    connection.setSoTimeout((int) SLOW_HOLD.toMillis());
    try {
      connection.getInputStream().read();
    } catch (SocketTimeoutException stillWaiting) {
      // the caller never hung up: it had no timeout at all
    }
  }

  private static void answer(Socket connection, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    OutputStream out = connection.getOutputStream();
    String head = "HTTP/1.1 " + status + " " + (status == 200 ? "OK" : "Error") + "\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  private static String everyValueNaN(String body) {
    try {
      JsonNode answer = JSON.readTree(body);
      for (JsonNode series : answer.path("data").path("result")) {
        ((ArrayNode) series.path("value")).set(1, TextNode.valueOf("NaN"));
      }
      return answer.toString();
    } catch (IOException notJson) {
      throw new IllegalStateException("Prometheus answered no JSON: " + body, notJson);
    }
  }

  /** The request's path and query; its headers are read up to the blank line, and ignored. */
  private static String requestPath(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int next = in.read();
      if (next < 0) {
        throw new EOFException("the caller closed before the end of its request");
      }
      head.append((char) next);
    }
    String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
    return requestLine.length > 1 ? requestLine[1] : "/";
  }

  @Override
  public void close() throws IOException {
    listener.close();
    connections.shutdownNow();
  }
}
