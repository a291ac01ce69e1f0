package com.fashionos.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The chart rendered by {@code helm template} (helm-java, in-process), parsed into manifests by kind
 * and name, hook Jobs included. Reusable by any test that needs what the chart would apply (the
 * cluster test runs the rendered hook Jobs, then starts the rendered Deployments as processes).
 *
 * <p>helm-java's template returns the release manifest only, without hooks. To see the hook Jobs
 * exactly as Helm renders them, the chart is rendered from a temporary copy with one extra template
 * that wraps the hook documents (the chart's {@code fashionos.migrateJobs} and
 * {@code fashionos.topicsJob}) in an unannotated {@code v1 List}; the List is unwrapped here.
 */
public final class RenderedChart {

  public static final String RELEASE = "fashionos";
  public static final String NAMESPACE = "fashionos";
  /** The cluster version rendered for (client-java 21 models the 1.29 API; the chart needs 1.25+). */
  public static final String KUBE_VERSION = "1.29.0";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String yaml;
  private final List<JsonNode> manifests;

  private RenderedChart(String yaml, List<JsonNode> manifests) {
    this.yaml = yaml;
    this.manifests = manifests;
  }

  /** Renders with the chart's default values plus {@code --set} overrides. */
  public static RenderedChart render(Map<String, String> values) {
    return render(null, values);
  }

  /** Renders with a values file (null: none) plus {@code --set} overrides. */
  public static RenderedChart render(Path valuesFile, Map<String, String> values) {
    Path chart = copyWithHooksAsList();
    TemplateCommand template = new Helm(chart).template()
        .withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
    if (valuesFile != null) {
      template.withValuesFile(valuesFile);
    }
    values.forEach(template::set);
    try {
      String yaml = template.call();
      return new RenderedChart(yaml, parse(yaml));
    } finally {
      deleteRecursively(chart);
    }
  }

  /** The chart directory, found from the k8s module or any sibling module's working directory. */
  public static Path chartDirectory() {
    for (String candidate : List.of("fashionos", "k8s/fashionos", "../k8s/fashionos")) {
      Path dir = Path.of(candidate).toAbsolutePath().normalize();
      if (Files.isRegularFile(dir.resolve("Chart.yaml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("chart k8s/fashionos not found from " + Path.of("").toAbsolutePath());
  }

  private static final String HOOKS_LIST = "fashionos-hooks";
  private static final String HOOKS_AS_LIST = """
      apiVersion: v1
      kind: List
      metadata:
        name: %s
      items:
      {{- range $hooks := list (include "fashionos.migrateJobs" .) (include "fashionos.topicsJob" .) }}
      {{- range $document := regexSplit `(?m)^---[ \t]*$` $hooks -1 }}
      {{- $manifest := fromYaml $document }}
      {{- if $manifest }}
        - {{ toJson $manifest }}
      {{- end }}
      {{- end }}
      {{- end }}
      """.formatted(HOOKS_LIST);

  private static Path copyWithHooksAsList() {
    Path source = chartDirectory();
    try {
      Path copy = Files.createTempDirectory("fashionos-chart");
      try (var files = Files.walk(source)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Path target = copy.resolve(source.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(target);
          } else {
            Files.copy(file, target);
          }
        }
      }
      Files.writeString(copy.resolve("templates/zz-hooks-as-list.yaml"), HOOKS_AS_LIST);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the chart " + source, e);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (var files = Files.walk(directory)) {
      for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the chart copy " + directory, e);
    }
  }

  private static List<JsonNode> parse(String yaml) {
    List<JsonNode> parsed = new ArrayList<>();
    try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document == null || !document.has("kind")) {
          continue;
        }
        if (document.path("kind").asText().equals("List")
            && document.path("metadata").path("name").asText().equals(HOOKS_LIST)) {
          document.path("items").forEach(parsed::add);
        } else {
          parsed.add(document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("helm template output is not YAML", e);
    }
    return List.copyOf(parsed);
  }

  /** The raw multi-document YAML helm printed. */
  public String yaml() {
    return yaml;
  }

  public List<JsonNode> all() {
    return manifests;
  }

  /** Manifests of one kind by metadata.name, in rendering order. */
  public Map<String, JsonNode> ofKind(String kind) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (JsonNode manifest : manifests) {
      if (kind.equals(manifest.path("kind").asText())) {
        byName.put(manifest.path("metadata").path("name").asText(), manifest);
      }
    }
    return byName;
  }

  /** The pre-install/pre-upgrade hook Jobs in the order Helm runs them (hook weight, then name). */
  public List<JsonNode> hookJobs() {
    return ofKind("Job").values().stream()
        .filter(job -> job.path("metadata").path("annotations").has("helm.sh/hook"))
        .sorted(Comparator.<JsonNode>comparingInt(job -> job.path("metadata").path("annotations").path("helm.sh/hook-weight").asInt())
            .thenComparing(job -> job.path("metadata").path("name").asText()))
        .toList();
  }

  public JsonNode get(String kind, String name) {
    JsonNode manifest = ofKind(kind).get(name);
    if (manifest == null) {
      throw new NoSuchElementException(kind + "/" + name + " not rendered; have " + ofKind(kind).keySet());
    }
    return manifest;
  }

  /** Environment of a container as the pod would see it: ConfigMap entries, then env (literal or secret "name/key"). */
  public Map<String, String> environment(JsonNode container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode source : container.path("envFrom")) {
      String configMap = source.path("configMapRef").path("name").asText();
      get("ConfigMap", configMap).path("data").fields()
          .forEachRemaining(entry -> env.put(entry.getKey(), entry.getValue().asText()));
    }
    for (JsonNode variable : container.path("env")) {
      JsonNode secret = variable.path("valueFrom").path("secretKeyRef");
      env.put(variable.path("name").asText(), secret.isMissingNode()
          ? variable.path("value").asText()
          : "secret:" + secret.path("name").asText() + "/" + secret.path("key").asText());
    }
    return env;
  }
}
