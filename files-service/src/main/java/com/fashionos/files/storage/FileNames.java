package com.fashionos.files.storage;

import java.text.Normalizer;
import java.util.UUID;

/** What a client calls its file, made safe to store and to show. */
public final class FileNames {
  static final int MAX_LENGTH = 120;

  private FileNames() {}

  /**
   * The last path segment of the name (no directories, whichever slash), without control
   * characters, with anything but letters, digits, dot, dash and underscore turned into '-', no
   * leading dots (no hidden files, no "..") and at most 120 characters, keeping the extension.
   */
  public static String safe(String clientName) {
    String name = clientName == null ? "" : clientName;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = Normalizer.normalize(name, Normalizer.Form.NFKC);
    name = name.replaceAll("\\p{Cntrl}", "").replaceAll("[^\\p{L}\\p{N}._-]+", "-");
    name = name.replaceAll("^[.-]+", "").replaceAll("-{2,}", "-");
    if (name.length() > MAX_LENGTH) {
      int dot = name.lastIndexOf('.');
      String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
      name = name.substring(0, MAX_LENGTH - extension.length()) + extension;
    }
    return name.isBlank() ? "file" : name;
  }

  /** events/{eventId}/{kind}/{uuid}-{safe name} */
  public static String objectKey(UUID eventId, Bucket bucket, UUID fileId, String safeName) {
    return "events/" + eventId + "/" + bucket.kind() + "/" + fileId + "-" + safeName;
  }
}
