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
  /**
   * The state is sent again this often even when nothing changed: a quiet stream is not taken for a dead one, and a
   * page learns when a watch is lost.
   */
  private static final long REFRESH_SECONDS = 15;

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
    sender.scheduleAtFixedRate(this::sendStateToAll, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
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
        sendStateToAll();
      }, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private String event() {
    return "event: state\ndata: " + state.get() + "\n\n";
  }

  private void sendStateToAll() {
    if (!pages.isEmpty()) {
      String event = event();
      pages.removeIf(page -> !send(page, event));
    }
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
