package com.fashionos.aitasks;

/** Gemini gave no answer: every attempt failed (HTTP error, timeout, I/O) or the error was final. */
public class GeminiUnavailableException extends RuntimeException {
  private final int attempts;

  public GeminiUnavailableException(String message, int attempts, Throwable cause) {
    super(message + " (after " + attempts + (attempts == 1 ? " attempt)" : " attempts)"), cause);
    this.attempts = attempts;
  }

  public int attempts() {
    return attempts;
  }
}
