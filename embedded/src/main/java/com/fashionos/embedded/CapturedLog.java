package com.fashionos.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * A logger's INFO lines kept in memory for a test to read (the access log, say), and kept off the
 * console meanwhile; needs logback, which every module's tests log through. Close it when done.
 */
public final class CapturedLog implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private CapturedLog(String loggerName) {
    logger = (Logger) LoggerFactory.getLogger(loggerName);
    appender.start();
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    logger.addAppender(appender);
  }

  public static CapturedLog of(String loggerName) {
    return new CapturedLog(loggerName);
  }

  /** The formatted messages so far. */
  public List<String> lines() {
    synchronized (appender) { // appends hold the appender's lock
      return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(null);
    logger.setAdditive(true);
  }
}
