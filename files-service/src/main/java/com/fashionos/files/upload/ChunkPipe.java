package com.fashionos.files.upload;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Hands an upload's chunks from the event loop to the worker thread that writes them to S3, a
 * few at a time: the event loop pauses the client when {@link #isFull()}, the reader asks for
 * more through {@code wantMore} when it has drained them. At most a few chunks are ever held, so
 * a 50 MB upload is never in memory whole.
 */
final class ChunkPipe extends InputStream {
  private static final int HIGH_WATER = 16;
  private static final Buffer END = Buffer.buffer();
  private final BlockingQueue<Buffer> chunks = new LinkedBlockingQueue<>();
  private final Runnable wantMore;
  private volatile IOException failure;
  private Buffer current = Buffer.buffer();
  private int position;
  private boolean ended;

  /** @param wantMore called on the reader's thread when the pipe has room again */
  ChunkPipe(Runnable wantMore) {
    this.wantMore = wantMore;
  }

  // Event loop side.
  void offer(Buffer chunk) {
    chunks.add(chunk);
  }

  boolean isFull() {
    return chunks.size() >= HIGH_WATER;
  }

  void end() {
    chunks.add(END);
  }

  /** The reader fails with this (the upload is refused or the client went away). */
  void abort(String why) {
    failure = new IOException(why);
    chunks.add(END);
  }

  // Worker side.
  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    while (position >= current.length()) {
      if (ended) return -1;
      Buffer next;
      try {
        next = chunks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      if (failure != null) throw failure;
      if (next == END) {
        ended = true;
        return -1;
      }
      current = next;
      position = 0;
      if (chunks.size() < HIGH_WATER / 2) wantMore.run();
    }
    int n = Math.min(length, current.length() - position);
    current.getBytes(position, position + n, into, offset);
    position += n;
    return n;
  }
}
