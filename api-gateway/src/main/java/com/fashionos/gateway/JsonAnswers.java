package com.fashionos.gateway;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * JSON answers the gateway holds whole before sending (at most {@link #MAX_HELD_BYTES}): a GET's
 * 200 gets a strong ETag, a hash of the JSON bytes, and a matching {@code If-None-Match} gets 304;
 * a body over {@link #COMPRESS_ABOVE} bytes is gzipped when the client accepts it. The ETag names
 * the encoding ({@code "<hash>"}, {@code "<hash>-gzip"}), since a strong validator must differ
 * between byte-wise different representations; {@code If-None-Match} is compared weakly (RFC 9110
 * 13.1.2), by the hash, so either tag the client kept revalidates. Everything else (files,
 * images, event streams, JSON of unknown or large size) streams through untouched.
 */
final class JsonAnswers {
  /** Larger (or unsized) JSON answers stream; every JSON answer of the REST API is far below. */
  static final long MAX_HELD_BYTES = 4L * 1024 * 1024;
  /** Below this, gzip's header and a round of CPU cost more than the bytes saved. */
  static final int COMPRESS_ABOVE = 1024;
  private static final String GZIP = "gzip";
  private static final int HASH_BYTES = 16;

  private JsonAnswers() {}

  /** Whether the answer about to be relayed is one to hold: sized JSON with a body, not to a HEAD. */
  static boolean holds(HttpServerRequest request, int status, MultiMap headers) {
    if (request.method() == HttpMethod.HEAD || status < 200 || status == 204 || status == 304) return false;
    if (headers.contains(HttpHeaders.CONTENT_ENCODING)) return false; // already encoded by the backend
    String type = headers.get(HttpHeaders.CONTENT_TYPE);
    if (type == null) return false;
    String mediaType = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) return false;
    String length = headers.get(HttpHeaders.CONTENT_LENGTH);
    try {
      return length != null && Long.parseLong(length.trim()) <= MAX_HELD_BYTES;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Ends the response (status and headers already set) with {@code body}, or 304 when the
   * client's copy is current. Gzip runs on a worker thread: a large list would hold the event loop.
   */
  static Future<Void> send(RoutingContext ctx, Buffer body) {
    HttpServerRequest request = ctx.request();
    HttpServerResponse response = ctx.response();
    boolean gzip = body.length() > COMPRESS_ABOVE && accepts(request.getHeader(HttpHeaders.ACCEPT_ENCODING), GZIP);
    // Whether it is gzipped depends on Accept-Encoding, so caches must key on it.
    response.headers().add(HttpHeaders.VARY, "Accept-Encoding");
    response.headers().remove(HttpHeaders.CONTENT_LENGTH);
    if (request.method() == HttpMethod.GET && response.getStatusCode() == 200) {
      String hash = hash(body);
      response.putHeader(HttpHeaders.ETAG, "\"" + hash + (gzip ? "-" + GZIP : "") + "\"");
      if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), hash)) {
        response.headers().remove(HttpHeaders.CONTENT_TYPE);
        return response.setStatusCode(304).end();
      }
    }
    if (!gzip) return response.end(body);
    return ctx.vertx().executeBlocking(() -> gzip(body), false).compose(compressed -> {
      response.putHeader(HttpHeaders.CONTENT_ENCODING, GZIP);
      return response.end(compressed);
    });
  }

  /** 128 bits of SHA-256, URL-safe base64: collisions are out of reach, and the tag stays short. */
  private static String hash(Buffer body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, HASH_BYTES));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }

  /** {@code If-None-Match}: {@code *} or a list of tags, weak or strong, of any encoding of this body. */
  static boolean matches(String ifNoneMatch, String hash) {
    if (ifNoneMatch == null) return false;
    for (String tag : ifNoneMatch.split(",")) {
      String value = tag.trim();
      if (value.equals("*")) return true;
      if (value.startsWith("W/")) value = value.substring(2);
      if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) continue;
      value = value.substring(1, value.length() - 1);
      if (value.equals(hash) || value.equals(hash + "-" + GZIP)) return true;
    }
    return false;
  }

  /**
   * Whether {@code Accept-Encoding} admits {@code coding} with a q above 0: named, or else through
   * {@code *}.
   */
  static boolean accepts(String acceptEncoding, String coding) {
    if (acceptEncoding == null) return false;
    Double named = null;
    Double any = null;
    for (String entry : acceptEncoding.split(",")) {
      String[] parts = entry.split(";");
      String name = parts[0].trim().toLowerCase(Locale.ROOT);
      if (name.equals(coding)) named = quality(parts);
      else if (name.equals("*")) any = quality(parts);
    }
    Double q = named != null ? named : any;
    return q != null && q > 0;
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim().toLowerCase(Locale.ROOT);
      if (!param.startsWith("q=")) continue;
      try {
        return Double.parseDouble(param.substring(2));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 1;
  }

  private static Buffer gzip(Buffer body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length() / 4);
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(body.getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }
}
