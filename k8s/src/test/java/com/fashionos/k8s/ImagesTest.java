package com.fashionos.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The images the {@code image} Maven profile builds (Jib, configured in the parent pom) are the
 * ones the chart runs: same names and tags, the user the pods run as, port 8080, and an entry
 * point that is the module's {@code Main} (so the hook Jobs' {@code args} reach its Launcher).
 * Read from the pom files themselves; no image is built (a base image cannot be pulled here).
 */
class ImagesTest {

  private static final Path ROOT = RenderedChart.chartDirectory().getParent().getParent();
  private static final Element PARENT = document(ROOT.resolve("pom.xml"));
  private static final Element JIB = plugin(child(child(PARENT, "build"), "pluginManagement"), "jib-maven-plugin");
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
  /** What the services' Launcher accepts as its first argument besides none. */
  private static final List<String> MODES = List.of("migrate", "create-topics");

  @Test
  void everyDeployedServiceHasAnImageNamedAsTheChartRunsIt() {
    List<String> checked = new ArrayList<>();
    for (RenderedChart chart : List.of(ChartTest.DEFAULTS, RenderedChart.render(Map.of("identity.enabled", "true")))) {
      List<JsonNode> pods = new ArrayList<>();
      chart.ofKind("Deployment").values().forEach(d -> pods.add(d.path("spec").path("template").path("spec")));
      chart.hookJobs().forEach(j -> pods.add(j.path("spec").path("template").path("spec")));
      for (JsonNode pod : pods) {
        for (JsonNode container : pod.path("containers")) {
          String image = container.path("image").asText();
          String module = moduleOf(image);
          Element pom = document(ROOT.resolve(module).resolve("pom.xml"));
          assertThat(plugin(child(pom, "build"), "jib-maven-plugin")).as("%s declares jib-maven-plugin", module).isNotNull();
          assertThat(imageOf(module, pom)).isEqualTo(image);
          checked.add(module);
        }
      }
    }
    assertThat(checked).containsAll(ChartTest.SERVICES);
  }

  @Test
  void imagesRunAsTheChartsNonRootUserOnPort8080() {
    Element container = child(child(JIB, "configuration"), "container");
    String[] user = text(container, "user").split(":");
    assertThat(Integer.parseInt(user[0])).isPositive();
    JsonNode pod = ChartTest.DEFAULTS.get("Deployment", "tasks-service").path("spec").path("template").path("spec");
    assertThat(Integer.parseInt(user[0])).isEqualTo(pod.path("securityContext").path("runAsUser").asInt());
    assertThat(Integer.parseInt(user[1])).isEqualTo(pod.path("securityContext").path("runAsGroup").asInt());
    assertThat(text(child(container, "ports"), "port")).isEqualTo("8080");
    assertThat(text(child(container, "environment"), "PORT")).isEqualTo("8080");
    assertThat(text(container, "mainClass")).isEqualTo("${main.class}");
    assertThat(text(child(child(JIB, "configuration"), "from"), "image")).isEqualTo("${image.base}");
    assertThat(property(PARENT, "image.base")).isNotEmpty();
  }

  /** The image's entry point is the module's Main; the chart only appends args the Launcher knows. */
  @Test
  void entryPointsAreTheServicesMainsAndHookArgsAreLauncherModes() throws Exception {
    for (String service : ChartTest.SERVICES) {
      String main = property(document(ROOT.resolve(service).resolve("pom.xml")), "main.class");
      assertThat(main).as("%s main.class", service).isNotEmpty();
      Method method = Class.forName(main).getMethod("main", String[].class);
      assertThat(Modifier.isStatic(method.getModifiers())).as(main).isTrue();
    }
    RenderedChart chart = RenderedChart.render(Map.of("identity.enabled", "true"));
    assertThat(chart.hookJobs()).isNotEmpty();
    for (JsonNode job : chart.hookJobs()) {
      JsonNode container = job.path("spec").path("template").path("spec").path("containers").get(0);
      assertThat(container.has("command")).as("the image's entry point stays").isFalse();
      assertThat(container.path("args")).hasSize(1);
      assertThat(container.path("args").get(0).asText()).isIn(MODES);
    }
    for (JsonNode deployment : chart.ofKind("Deployment").values()) {
      JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
      assertThat(container.has("command")).isFalse();
      assertThat(container.has("args")).isFalse();
    }
  }

  /** The name Jib gives the module's image with the default properties, as the pom interpolates it. */
  private static String imageOf(String module, Element pom) {
    Map<String, String> properties = new HashMap<>();
    properties.put("project.artifactId", text(pom, "artifactId"));
    for (Element owner : List.of(PARENT, pom)) {
      Element declared = child(owner, "properties");
      if (declared == null) continue;
      for (Node node = declared.getFirstChild(); node != null; node = node.getNextSibling()) {
        if (node instanceof Element property) properties.put(property.getTagName(), property.getTextContent().trim());
      }
    }
    assertThat(text(pom, "artifactId")).isEqualTo(module);
    return interpolate(text(child(child(JIB, "configuration"), "to"), "image"), properties);
  }

  private static String interpolate(String value, Map<String, String> properties) {
    Matcher matcher = PROPERTY.matcher(value);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String replacement = properties.get(matcher.group(1));
      assertThat(replacement).as("property %s", matcher.group(1)).isNotNull();
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    return matcher.appendTail(result).toString();
  }

  /** registry/fashionos-<module>:tag: the module is the name after the last slash, without the prefix and tag. */
  private static String moduleOf(String image) {
    String name = image.substring(image.lastIndexOf('/') + 1, image.lastIndexOf(':'));
    assertThat(name).startsWith("fashionos-");
    String module = name.substring("fashionos-".length());
    assertThat(Files.isRegularFile(ROOT.resolve(module).resolve("pom.xml"))).as("module %s of %s", module, image).isTrue();
    return module;
  }

  private static String property(Element pom, String name) {
    Element properties = child(pom, "properties");
    return properties == null ? null : text(properties, name);
  }

  private static Element plugin(Element build, String artifactId) {
    Element plugins = build == null ? null : child(build, "plugins");
    if (plugins == null) return null;
    for (Node node = plugins.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element plugin && artifactId.equals(text(plugin, "artifactId"))) return plugin;
    }
    return null;
  }

  private static String text(Element parent, String name) {
    Element element = child(parent, name);
    return element == null ? null : element.getTextContent().trim();
  }

  private static Element child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) return element;
    }
    return null;
  }

  private static Element document(Path pom) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document document = factory.newDocumentBuilder().parse(pom.toFile());
      return document.getDocumentElement();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + pom, e);
    }
  }
}
