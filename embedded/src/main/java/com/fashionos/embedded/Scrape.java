package com.fashionos.embedded;

import com.fashionos.platform.health.ServiceRouter;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of a service's {@code /metrics} (Prometheus text format), for asserting on samples. */
public final class Scrape {
  // HTTP/1.1 as Prometheus scrapes: no h2c upgrade, whose streams can stall a busy scrape past the request timeout.
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** A sample: its name, labels and value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private Scrape(List<Sample> samples) {
    this.samples = samples;
  }

  /** Serves {@code /metrics} of the Vert.x instance (started with {@code Metrics.vertxOptions()}) on a free port. */
  public static int serve(Vertx vertx) {
    return vertx.createHttpServer().requestHandler(new ServiceRouter(vertx).router()).listen(0).await().actualPort();
  }

  public static Scrape of(int port) {
    try {
      HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) throw new AssertionError("GET /metrics answered " + answer.statusCode());
      return parse(answer.body());
    } catch (IOException e) {
      throw new AssertionError("GET /metrics failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static Scrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches()) continue;
      Map<String, String> labels = new LinkedHashMap<>();
      if (sample.group(2) != null) {
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) labels.put(label.group(1), label.group(2));
      }
      samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
    }
    return new Scrape(samples);
  }

  /** The samples of the name whose labels include {@code labels} ("key", "value", ...). */
  public List<Sample> samples(String name, String... labels) {
    return samples.stream().filter(s -> s.name().equals(name) && matches(s, labels)).toList();
  }

  /** The value of the one sample of the name with those labels; 0 when there is none (a counter not yet counted). */
  public double value(String name, String... labels) {
    List<Sample> found = samples(name, labels);
    if (found.size() > 1) throw new AssertionError("More than one sample of " + name + " " + List.of(labels) + ": " + found);
    return found.isEmpty() ? 0 : found.get(0).value();
  }

  public List<Sample> all() {
    return samples;
  }

  private static boolean matches(Sample sample, String... labels) {
    for (int i = 0; i + 1 < labels.length; i += 2) {
      if (!labels[i + 1].equals(sample.labels().get(labels[i]))) return false;
    }
    return true;
  }
}
