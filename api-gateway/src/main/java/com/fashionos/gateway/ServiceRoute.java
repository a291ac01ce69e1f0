package com.fashionos.gateway;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One row of the gateway's routing table: requests whose path matches {@code path} go to
 * {@code host:port} (plain HTTP inside the cluster). The path is matched after dot segments are
 * removed, and forwarded unchanged with its query string.
 */
public record ServiceRoute(String service, Pattern path, String host, int port) {

  public ServiceRoute {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) throw new IllegalArgumentException(service + ": port out of range: " + port);
  }

  /** A row from a path regex and a base URL such as {@code http://events-service:8080}. */
  public static ServiceRoute of(String service, String pathRegex, String baseUrl) {
    URI uri;
    try {
      uri = URI.create(baseUrl);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(service + ": not a URL: " + baseUrl, e);
    }
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException(service + ": expected http://host[:port], got " + baseUrl);
    }
    return new ServiceRoute(service, Pattern.compile(pathRegex), uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
  }

  public boolean matches(String requestPath) {
    return path.matcher(requestPath).matches();
  }
}
