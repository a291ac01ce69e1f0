package com.fashionos.files.upload;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of an upload received and not yet written, kept as copies of the chunks they came in:
 * a part costs its own size, not a buffer grown by doubling, and pins none of the multipart
 * decoder's larger buffers that a chunk may be a slice of.
 */
final class PendingBytes {
  private final List<Buffer> chunks = new ArrayList<>();
  private int length;

  void add(Buffer chunk) {
    chunks.add(chunk.copy());
    length += chunk.length();
  }

  int length() {
    return length;
  }

  /** All of it, in one array; empty again afterwards. */
  byte[] take() {
    byte[] all = new byte[length];
    int at = 0;
    for (Buffer chunk : chunks) {
      chunk.getBytes(all, at);
      at += chunk.length();
    }
    chunks.clear();
    length = 0;
    return all;
  }

  /** A copy of what is held, without taking it (the first bytes, for the type). */
  byte[] peek() {
    byte[] all = take();
    add(Buffer.buffer(all));
    return all;
  }
}
