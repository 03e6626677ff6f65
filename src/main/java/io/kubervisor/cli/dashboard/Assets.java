package io.kubervisor.cli.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The pages' files, from the jar: the dashboard's own (resources/dashboard/) and uPlot from its WebJar, at the version
 * Maven resolved, so nothing is copied in by hand.
 */
final class Assets {

  private static final String WEBJARS = "META-INF/resources/webjars/";
  /** uPlot's version, as its WebJar records it. */
  static final String UPLOT_VERSION = webJarVersion("org.webjars.npm", "uplot");
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

  private Assets() {}

  /** The page for the overview and for one BreakerConfig (it reads which from its address), or a file. */
  static void serve(HttpExchange exchange, String path) throws IOException {
    if (path.contains("..")) {
      send(exchange, 404, TYPES.get("html"), new byte[0]);
    } else if (path.equals("/") || path.startsWith("/breakerconfigs/")) {
      String page = new String(read("dashboard/index.html"), StandardCharsets.UTF_8)
          .replace("{{uplot}}", "/webjars/uplot/" + UPLOT_VERSION + "/dist");
      send(exchange, 200, TYPES.get("html"), page.getBytes(StandardCharsets.UTF_8));
    } else if (path.startsWith("/static/")) {
      file(exchange, "dashboard/" + path.substring("/static/".length()));
    } else if (path.startsWith("/webjars/")) {
      file(exchange, WEBJARS + path.substring("/webjars/".length()));
    } else {
      send(exchange, 404, "text/plain; charset=utf-8", ("no page at " + path).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void file(HttpExchange exchange, String resource) throws IOException {
    byte[] body = read(resource);
    if (body == null) {
      send(exchange, 404, "text/plain; charset=utf-8", ("no file " + resource).getBytes(StandardCharsets.UTF_8));
      return;
    }
    String extension = resource.substring(resource.lastIndexOf('.') + 1);
    send(exchange, 200, TYPES.getOrDefault(extension, "application/octet-stream"), body);
  }

  static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
    exchange.close();
  }

  private static byte[] read(String resource) {
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String webJarVersion(String group, String artifact) {
    Properties properties = new Properties();
    try (InputStream in = Assets.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the WebJar " + group + ":" + artifact + " is not on the classpath");
      }
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
