package com.fashionos.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Turns the engines' chatty loggers down when the application logs through logback. A level
 * the application configured itself (logback.xml) is left alone, and without logback on the
 * class path nothing happens (logback is an optional dependency).
 */
final class QuietLogging {
  private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

  private QuietLogging() {}

  static void warnOnly(String... loggerNames) {
    setLevel("WARN", loggerNames);
  }

  static void errorOnly(String... loggerNames) {
    setLevel("ERROR", loggerNames);
  }

  static void offOnly(String... loggerNames) {
    setLevel("OFF", loggerNames);
  }

  private static void setLevel(String level, String... loggerNames) {
    ILoggerFactory factory;
    // While another thread initializes SLF4J (engines start in parallel) this thread would get a
    // stand-in factory; SLF4J initializes under this lock, so taking it waits for the real one.
    synchronized (LoggerFactory.class) {
      factory = LoggerFactory.getILoggerFactory();
    }
    if (LOGBACK_CONTEXT.equals(factory.getClass().getName())) Logback.setLevel(level, loggerNames);
  }

  /** Separate class so the logback types are only loaded once we know logback is there. */
  private static final class Logback {
    static void setLevel(String level, String... loggerNames) {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      for (String name : loggerNames) {
        Logger logger = context.getLogger(name);
        if (logger.getLevel() == null) logger.setLevel(Level.toLevel(level));
      }
    }
  }
}
