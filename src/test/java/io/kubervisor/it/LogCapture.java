package io.kubervisor.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** The log lines of the operator running in the test JVM, for tests that check what it says. */
final class LogCapture extends AbstractAppender implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Logger root = (Logger) LogManager.getRootLogger();

  private LogCapture() {
    super("test-capture", null, null, true, Property.EMPTY_ARRAY);
  }

  static LogCapture capture() {
    LogCapture capture = new LogCapture();
    capture.start();
    capture.root.addAppender(capture);
    return capture;
  }

  @Override
  public void append(LogEvent event) {
    lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
  }

  List<String> lines() {
    return lines;
  }

  boolean logged(String text) {
    return lines.stream().anyMatch(line -> line.contains(text));
  }

  @Override
  public void close() {
    root.removeAppender(this);
    stop();
  }
}
