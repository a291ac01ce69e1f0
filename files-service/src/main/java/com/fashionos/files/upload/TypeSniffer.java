package com.fashionos.files.upload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
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

  /** ISO base media brands that are MP4 (QuickTime's own is "qt  "). */
  private static final Set<String> MP4_BRANDS = Set.of("isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42",
      "avc1", "dash", "M4V ", "mmp4", "msnv", "3gp4", "3gp5");

  static String detect(byte[] head) {
    try {
      // No file name in the metadata: Tika would otherwise let the extension decide.
      String type = DETECTOR.detect(new ByteArrayInputStream(head), new Metadata()).getBaseType().toString();
      // Tika's magic calls MP4 only the mp41/mp42 brands and every other "ftyp" box QuickTime;
      // most cameras and encoders write isom. The major brand says which it is.
      return "video/quicktime".equals(type) && MP4_BRANDS.contains(majorBrand(head)) ? "video/mp4" : type;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The major brand of an ISO base media file: bytes 8-11, after the size and "ftyp". */
  private static String majorBrand(byte[] head) {
    if (head.length < 12 || !"ftyp".equals(new String(head, 4, 4, StandardCharsets.US_ASCII))) return "";
    return new String(head, 8, 4, StandardCharsets.US_ASCII);
  }
}
