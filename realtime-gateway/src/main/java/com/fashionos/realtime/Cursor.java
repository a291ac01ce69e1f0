package com.fashionos.realtime;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A resume position: for each topic-partition an event's records can be in, the offset of the
 * next record the client has not seen. Clients treat it as opaque; it is base64url of
 * {@code topic:partition:offset,...}. Kafka offsets are the same for every replica, so a cursor
 * from one replica is understood by the others.
 */
record Cursor(Map<Partition, Long> nextOffsets) {

  /** One partition of one topic. */
  record Partition(String topic, int partition) {}

  Cursor {
    nextOffsets = Map.copyOf(nextOffsets);
  }

  String encode() {
    // Sorted so that equal positions always give the same string.
    String plain = nextOffsets.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(
            java.util.Comparator.comparing(Partition::topic).thenComparingInt(Partition::partition)))
        .map(e -> e.getKey().topic() + ":" + e.getKey().partition() + ":" + e.getValue())
        .collect(Collectors.joining(","));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor, or null when the text is not one of ours. */
  static Cursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      Map<Partition, Long> offsets = new LinkedHashMap<>();
      for (String part : plain.split(",")) {
        // Topic names cannot contain ':', so the last two colons delimit partition and offset.
        int offsetAt = part.lastIndexOf(':');
        int partitionAt = part.lastIndexOf(':', offsetAt - 1);
        long offset = Long.parseLong(part.substring(offsetAt + 1));
        int partition = Integer.parseInt(part.substring(partitionAt + 1, offsetAt));
        if (partitionAt < 1 || offset < 0 || partition < 0) return null;
        offsets.put(new Partition(part.substring(0, partitionAt), partition), offset);
      }
      return new Cursor(offsets);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
