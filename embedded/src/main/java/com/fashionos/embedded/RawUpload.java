package com.fashionos.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A multipart upload written byte by byte on a plain socket, for what no well-behaved client
 * does: declare more than it sends and stop, leave out the closing boundary, trickle. The file
 * goes in the field {@code file}; nothing is sent beyond what the test asks for.
 */
public final class RawUpload implements AutoCloseable {
  private static final String BOUNDARY = "fashionos-raw-upload";
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  private RawUpload(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = socket.getInputStream();
  }

  /**
   * Opens the request: headers declaring a body of {@code declaredLength} bytes in all (the
   * multipart framing included), the part's headers, and nothing of the file yet.
   */
  public static RawUpload open(int port, String pathAndQuery, String token, String fileName, long declaredLength) {
    try {
      RawUpload upload = new RawUpload(new Socket("127.0.0.1", port));
      upload.send(("POST " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Bearer " + token
          + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + declaredLength
          + "\r\n\r\n" + partHead(fileName)).getBytes(StandardCharsets.UTF_8));
      return upload;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A whole upload of {@code bytes} as {@code fileName}, sent at once, and its answer within 30 s. */
  public static TestApi.Answer whole(int port, String pathAndQuery, String token, String fileName, byte[] bytes) {
    String head = partHead(fileName);
    String tail = closingBoundary();
    try (RawUpload upload = open(port, pathAndQuery, token, fileName, head.length() + bytes.length + tail.length())) {
      return upload.send(bytes).send(tail.getBytes(StandardCharsets.US_ASCII)).answer(Duration.ofSeconds(30));
    }
  }

  /** The multipart framing before the file's bytes. */
  public static String partHead(String fileName) {
    return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
  }

  /** The multipart framing after the file's bytes. */
  public static String closingBoundary() {
    return "\r\n--" + BOUNDARY + "--\r\n";
  }

  public RawUpload send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether any of an answer has arrived (without reading it). */
  public boolean hasAnswer() {
    try {
      return in.available() > 0;
    } catch (IOException e) {
      return true;
    }
  }

  /** The answer, read within {@code within}; fails if none comes. */
  public TestApi.Answer answer(Duration within) {
    try {
      socket.setSoTimeout((int) within.toMillis());
      String head = readHead();
      int status = Integer.parseInt(head.substring(9, 12));
      Map<String, String> headers = new HashMap<>();
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
      byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
      return new TestApi.Answer(status, new String(body, StandardCharsets.UTF_8), headers);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer within " + within.toMillis() + " ms", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the server closes the connection (or resets it) within {@code within}, reading and dropping anything before. */
  public boolean closedWithin(Duration within) {
    try {
      socket.setSoTimeout((int) within.toMillis());
      while (in.read() >= 0) {
        // an answer's remainder: not what this asks about
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) throw new IOException("the connection closed before an answer; got: " + head);
      head.write(b);
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
