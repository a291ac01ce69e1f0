package com.fashionos.realtime;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * A WebSocket client that does only what a test tells it: it never answers pings on its own and
 * reads nothing until asked, like a phone that dropped off the network or a client too slow to
 * keep up. Speaks just enough of RFC 6455 for the gateway's frames.
 */
final class RawWebSocket implements AutoCloseable {
  /** A frame from the server: its opcode (1 text, 8 close, 9 ping) and payload. */
  record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The status code of a close frame. */
    int closeCode() {
      return payload.length >= 2 ? (payload[0] & 0xff) << 8 | payload[1] & 0xff : -1;
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  /** Upgrades with the token in the header; {@code receiveBuffer} bytes of kernel buffer (0: default). */
  RawWebSocket(int port, String token, int receiveBuffer) throws IOException {
    socket = new Socket();
    if (receiveBuffer > 0) socket.setReceiveBufferSize(receiveBuffer);
    socket.connect(new java.net.InetSocketAddress("localhost", port));
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    String request = "GET " + RealtimeGatewayVerticle.PATH + " HTTP/1.1\r\nHost: localhost:" + port
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
        + Base64.getEncoder().encodeToString(nonce) + "\r\nAuthorization: Bearer " + token + "\r\n\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) head.append((char) in.readUnsignedByte());
    if (!head.toString().startsWith("HTTP/1.1 101")) throw new IOException("Upgrade refused: " + head);
  }

  void sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    // Client frames are masked; a zero mask keeps the payload as is.
    out.write(0x81);
    if (payload.length < 126) {
      out.write(0x80 | payload.length);
    } else {
      out.write(0x80 | 126);
      out.write(payload.length >> 8);
      out.write(payload.length & 0xff);
    }
    out.write(new byte[4]);
    out.write(payload);
    out.flush();
  }

  /** The next frame; null when the server closed the connection or sent nothing within the timeout. */
  Frame next(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    int first;
    try {
      first = in.readUnsignedByte();
    } catch (EOFException | SocketTimeoutException e) {
      return null;
    }
    socket.setSoTimeout(10_000);
    int second = in.readUnsignedByte();
    long length = second & 0x7f;
    if (length == 126) length = in.readUnsignedShort();
    else if (length == 127) length = in.readLong();
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(first & 0x0f, payload);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
