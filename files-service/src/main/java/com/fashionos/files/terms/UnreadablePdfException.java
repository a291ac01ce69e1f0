package com.fashionos.files.terms;

/** The bytes are not a PDF whose text can be read (corrupt, not a PDF, or password-protected). */
public class UnreadablePdfException extends Exception {
  public UnreadablePdfException(String message, Throwable cause) {
    super(message, cause);
  }
}
