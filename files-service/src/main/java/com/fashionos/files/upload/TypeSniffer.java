package com.fashionos.files.upload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * The type of a file from its first bytes only: the name and the declared type are the client's
 * word, the bytes are not (a renamed executable stays an executable).
 */
final class TypeSniffer {
  /** Enough for every signature of the types we accept. */
  static final int HEAD_BYTES = 8192;
  private static final Detector DETECTOR = MimeTypes.getDefaultMimeTypes();

  private TypeSniffer() {}

  static String detect(byte[] head) {
    try {
      // No file name in the metadata: Tika would otherwise let the extension decide.
      MediaType type = DETECTOR.detect(new ByteArrayInputStream(head), new Metadata());
      return type.getBaseType().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
