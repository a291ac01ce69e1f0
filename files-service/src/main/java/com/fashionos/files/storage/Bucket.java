package com.fashionos.files.storage;

import com.fashionos.platform.http.ApiException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The buckets of spec section 7, with their limits and the types their files may have. */
public enum Bucket {
  EVENT_IMAGES("event-images", "images", 5L * 1024 * 1024, Set.of("image/jpeg", "image/png", "image/webp"), false),
  // Word 97-2003 files are OLE2 containers; telling .doc from .xls inside one needs Apache POI, so
  // an OLE2 container counts as msword here.
  EVENT_DOCUMENTS("event-documents", "documents", 10L * 1024 * 1024,
      Set.of("application/pdf", "application/msword", "application/x-tika-msoffice", "text/plain"), false),
  EVENT_MEDIA("event-media", "media", 50L * 1024 * 1024, Set.of("image/*", "video/mp4"), true);

  private final String bucketName;
  private final String kind;
  private final long maxBytes;
  private final Set<String> types;
  private final boolean publicByEventSetting;

  Bucket(String bucketName, String kind, long maxBytes, Set<String> types, boolean publicByEventSetting) {
    this.bucketName = bucketName;
    this.kind = kind;
    this.maxBytes = maxBytes;
    this.types = types;
    this.publicByEventSetting = publicByEventSetting;
  }

  /** The S3 bucket's name, as the API names it too. */
  public String bucketName() {
    return bucketName;
  }

  /** The path segment of object keys: events/{eventId}/{kind}/{uuid}-{name}. */
  public String kind() {
    return kind;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** event-images is public; event-documents private; event-media as the event's setting says. */
  public boolean isPublic(boolean eventMediaPublic) {
    return this == EVENT_IMAGES || publicByEventSetting && eventMediaPublic;
  }

  /** Whether a type detected from the bytes may go into this bucket ({@code image/*} takes any image). */
  public boolean accepts(String detectedType) {
    if (types.contains(detectedType)) return true;
    int slash = detectedType.indexOf('/');
    return slash > 0 && types.contains(detectedType.substring(0, slash) + "/*");
  }

  /** What the bucket takes, for error messages. */
  public String acceptedTypes() {
    return String.join(", ", types.stream().filter(t -> !t.startsWith("application/x-tika")).sorted().toList());
  }

  public static Optional<Bucket> named(String name) {
    return Arrays.stream(values()).filter(b -> b.bucketName.equals(name)).findFirst();
  }

  /** The bucket a request names in its {@code bucket} parameter; 400 for none of ours. */
  public static Bucket fromParam(String name) {
    return named(name).orElseThrow(() -> ApiException.invalidField("bucket",
        "must be one of " + String.join(", ", Arrays.stream(values()).map(Bucket::bucketName).toList())));
  }
}
