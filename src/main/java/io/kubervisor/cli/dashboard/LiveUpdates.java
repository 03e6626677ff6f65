package io.kubervisor.cli.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The pages' server-sent events: each open page gets the whole state when it connects and again after every change the
 * watches report, changes within {@link #COALESCE_MILLIS} sent as one.
 */
final class LiveUpdates implements AutoCloseable {

  /** A burst of watch events (a pass relabels several pods) becomes one update; short against the 2 s a page allows. */
  static final long COALESCE_MILLIS = 100;
  /** A comment now and then, so a proxy or the browser does not take a quiet stream for a dead one. */
  private static final long KEEPALIVE_SECONDS = 15;

  private final Supplier<String> state;
  private final List<OutputStream> pages = new CopyOnWriteArrayList<>();
  private final AtomicBoolean pending = new AtomicBoolean();
  private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "dashboard-updates");
    thread.setDaemon(true);
    return thread;
  });

  /** @param state the state as JSON, read at each send */
  LiveUpdates(Supplier<String> state) {
    this.state = state;
    sender.scheduleAtFixedRate(() -> sendToAll(": keepalive\n\n"), KEEPALIVE_SECONDS, KEEPALIVE_SECONDS,
        TimeUnit.SECONDS);
  }

  /** Keeps the exchange open as an event stream, starting with the state as it is. */
  void open(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, 0);
    OutputStream page = exchange.getResponseBody();
    sender.execute(() -> {
      if (send(page, event())) {
        pages.add(page);
      }
    });
  }

  /** Something changed in the cluster: every page gets the new state shortly. */
  void changed() {
    if (pending.compareAndSet(false, true)) {
      sender.schedule(() -> {
        pending.set(false);
        if (!pages.isEmpty()) {
          sendToAll(event());
        }
      }, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private String event() {
    return "event: state\ndata: " + state.get() + "\n\n";
  }

  private void sendToAll(String text) {
    pages.removeIf(page -> !send(page, text));
  }

  /** False when the page has gone. */
  private static boolean send(OutputStream page, String text) {
    try {
      page.write(text.getBytes(StandardCharsets.UTF_8));
      page.flush();
      return true;
    } catch (IOException e) {
      close(page);
      return false;
    }
  }

  private static void close(OutputStream page) {
    try {
      page.close();
    } catch (IOException e) {
      // the page has gone already
    }
  }

  @Override
  public void close() {
    sender.shutdownNow();
    pages.forEach(LiveUpdates::close);
  }
}
