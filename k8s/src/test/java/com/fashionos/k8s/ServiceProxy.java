package com.fashionos.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A rendered Kubernetes Service as kube-proxy makes it, for the cluster test: one address
 * (127.0.0.1 and a port of its own) whose TCP connections are spread round-robin over the
 * replicas currently ready. The test's readiness loop adds and removes replicas, as the endpoints
 * controller does from the readiness probe. A connection to a replica that has died fails as it
 * would in a cluster (closed before any answer); nothing here retries.
 */
final class ServiceProxy implements AutoCloseable {
  private final String name;
  private final ServerSocket server;
  private final CopyOnWriteArrayList<Integer> ready = new CopyOnWriteArrayList<>();
  private final AtomicInteger next = new AtomicInteger();

  private ServiceProxy(String name, ServerSocket server) {
    this.name = name;
    this.server = server;
  }

  static ServiceProxy open(String name) {
    try {
      ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
      ServiceProxy proxy = new ServiceProxy(name, server);
      Thread accept = new Thread(proxy::acceptLoop, "service-" + name);
      accept.setDaemon(true);
      accept.start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the Service " + name, e);
    }
  }

  int port() {
    return server.getLocalPort();
  }

  /** Puts a replica's port into the Service's endpoints, or takes it out. */
  void endpoint(int replicaPort, boolean isReady) {
    if (isReady) {
      ready.addIfAbsent(replicaPort);
    } else {
      ready.remove((Integer) replicaPort);
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread connection = new Thread(() -> forward(client), "service-" + name + "-connection");
        connection.setDaemon(true);
        connection.start();
      } catch (IOException e) {
        // Closed: the test is over.
      }
    }
  }

  private void forward(Socket client) {
    List<Integer> endpoints = List.copyOf(ready);
    if (endpoints.isEmpty()) {
      closeQuietly(client);
      return;
    }
    int replica = endpoints.get(Math.floorMod(next.getAndIncrement(), endpoints.size()));
    Socket backend = new Socket();
    try {
      backend.setTcpNoDelay(true);
      client.setTcpNoDelay(true);
      backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), replica), 1000);
    } catch (IOException refused) {
      closeQuietly(client);
      closeQuietly(backend);
      return;
    }
    Thread upstream = new Thread(() -> pipe(client, backend), "service-" + name + "-upstream");
    upstream.setDaemon(true);
    upstream.start();
    pipe(backend, client);
  }

  /** Copies until either side ends, then closes both: an HTTP or WebSocket peer never half-closes. */
  private static void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // A side went away (a replica killed, a client gone): the connection ends with it.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Already closed.
    }
  }
}
