package com.fashionos.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** helm lint and helm template (in-process) with default and production-like values. */
class ChartTest {

  static final Set<String> SERVICES = Set.of("events-service", "tasks-service", "budget-service",
      "files-service", "realtime-gateway", "ai-tasks-worker", "api-gateway");
  static final Path PRODUCTION = Path.of("src/test/resources/production-values.yaml");

  static final RenderedChart DEFAULTS = RenderedChart.render(Map.of());
  static final RenderedChart PRODUCTION_CHART = RenderedChart.render(PRODUCTION, Map.of());

  @Test
  void lintStrictPasses() {
    LintResult lint = new Helm(RenderedChart.chartDirectory()).lint().strict().call();
    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
  }

  @Test
  void everyRenderedManifestIsValidKubernetes() {
    for (RenderedChart chart : List.of(DEFAULTS, PRODUCTION_CHART,
        RenderedChart.render(Map.of("identity.enabled", "true", "ingress.enabled", "true",
            "kafka.topics.hookJob", "true")))) {
      assertThat(chart.all()).isNotEmpty();
      chart.all().forEach(KubernetesSchemas::validate);
    }
  }

  @Test
  void validationRefusesUnknownAndMissingFields() {
    ObjectNode deployment = DEFAULTS.get("Deployment", "events-service").deepCopy();
    ((ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0))
        .put("imagePolicy", "Always");
    assertThatThrownBy(() -> KubernetesSchemas.validate(deployment)).hasMessageContaining("imagePolicy");

    ObjectNode service = DEFAULTS.get("Service", "events-service").deepCopy();
    ((ObjectNode) service.path("spec").path("ports").get(0)).remove("port");
    assertThatThrownBy(() -> KubernetesSchemas.validate(service)).hasMessageContaining("port");
  }

  @Test
  void rendersADeploymentAndServicePerService() {
    for (RenderedChart chart : List.of(DEFAULTS, PRODUCTION_CHART)) {
      assertThat(chart.ofKind("Deployment").keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
      assertThat(chart.ofKind("Service").keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
      assertThat(chart.ofKind("NetworkPolicy").keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
      assertThat(chart.ofKind("ServiceAccount")).hasSize(1);
      assertThat(chart.ofKind("ServiceAccount").values().iterator().next().path("automountServiceAccountToken").asBoolean(true)).isFalse();
    }
    assertThat(PRODUCTION_CHART.ofKind("ServiceMonitor").keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
    assertThat(DEFAULTS.ofKind("ServiceMonitor")).isEmpty();
    assertThat(PRODUCTION_CHART.ofKind("HorizontalPodAutoscaler").keySet()).containsExactlyInAnyOrder("events-service", "api-gateway");
    assertThat(DEFAULTS.ofKind("HorizontalPodAutoscaler")).isEmpty();
    assertThat(DEFAULTS.ofKind("PodDisruptionBudget").keySet()).hasSize(6).doesNotContain("ai-tasks-worker");
    // An HPA owns the replica count: the Deployment must not fight it.
    assertThat(PRODUCTION_CHART.get("Deployment", "events-service").path("spec").has("replicas")).isFalse();
    assertThat(PRODUCTION_CHART.get("Deployment", "tasks-service").path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(PRODUCTION_CHART.get("Deployment", "events-service").path("spec").path("template").path("spec")
        .path("containers").get(0).path("image").asText())
        .isEqualTo("registry.fashionos.example.com/prod/fashionos-events-service:1.4.2");
    assertThat(DEFAULTS.get("Deployment", "api-gateway").path("spec").path("template").path("spec")
        .path("containers").get(0).path("image").asText())
        .isEqualTo("registry.example.com/fashionos/fashionos-api-gateway:0.1.0");
  }

  /** Kubernetes kills a pod at terminationGracePeriodSeconds: the whole SIGTERM drain must fit before it. */
  @Test
  void terminationGraceOutlastsTheDrain() {
    for (RenderedChart chart : List.of(DEFAULTS, PRODUCTION_CHART, RenderedChart.render(
        Map.of("config.shutdownDelayMs", "1500", "config.shutdownGraceMs", "30001")))) {
      JsonNode config = chart.get("ConfigMap", "fashionos-config").path("data");
      long drainMs = Long.parseLong(config.path("SHUTDOWN_DELAY_MS").asText())
          + Long.parseLong(config.path("SHUTDOWN_GRACE_MS").asText());
      assertThat(drainMs).isPositive();
      for (JsonNode deployment : chart.ofKind("Deployment").values()) {
        long terminationMs = deployment.path("spec").path("template").path("spec")
            .path("terminationGracePeriodSeconds").asLong() * 1000;
        assertThat(terminationMs).as(deployment.path("metadata").path("name").asText()).isGreaterThan(drainMs);
      }
    }
    assertThat(PRODUCTION_CHART.get("Deployment", "api-gateway").path("spec").path("template").path("spec")
        .path("terminationGracePeriodSeconds").asInt()).isEqualTo(40);
  }

  @Test
  void everyContainerIsHardenedWithProbesAndResources() {
    for (RenderedChart chart : List.of(DEFAULTS, PRODUCTION_CHART)) {
      List<JsonNode> pods = new ArrayList<>();
      chart.ofKind("Deployment").values().forEach(d -> pods.add(d.path("spec").path("template").path("spec")));
      chart.ofKind("Job").values().forEach(j -> pods.add(j.path("spec").path("template").path("spec")));
      assertThat(pods).hasSizeGreaterThan(7);
      for (JsonNode pod : pods) {
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        assertThat(volumeNames(pod)).contains("tmp");
        for (JsonNode container : pod.path("containers")) {
          JsonNode security = container.path("securityContext");
          assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
          assertThat(security.path("runAsUser").asInt()).isEqualTo(10001);
          assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
          assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
          assertThat(security.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
          assertThat(security.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
          assertThat(StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
              .anyMatch(m -> m.path("name").asText().equals("tmp") && m.path("mountPath").asText().equals("/tmp"))).isTrue();
          assertThat(container.path("resources").path("requests").path("memory").asText()).isNotEmpty();
          assertThat(container.path("resources").path("limits").path("memory").asText()).isNotEmpty();
          assertThat(container.path("resources").path("requests").path("cpu").asText()).isNotEmpty();
        }
      }
      for (JsonNode deployment : chart.ofKind("Deployment").values()) {
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
        assertThat(container.has("args")).as("Deployments run the default mode").isFalse();
        assertProbe(container.path("startupProbe"), "/health/ready");
        assertProbe(container.path("readinessProbe"), "/health/ready");
        assertProbe(container.path("livenessProbe"), "/health/live");
      }
    }
  }

  private static void assertProbe(JsonNode probe, String path) {
    assertThat(probe.path("httpGet").path("path").asText()).isEqualTo(path);
    assertThat(probe.path("httpGet").path("port").asInt()).isEqualTo(8080);
  }

  private static Set<String> volumeNames(JsonNode pod) {
    return StreamSupport.stream(pod.path("volumes").spliterator(), false)
        .map(v -> v.path("name").asText()).collect(Collectors.toSet());
  }

  @Test
  void servicesDoNotMigrateCreateTopicsOrServeIdentity() {
    for (RenderedChart chart : List.of(DEFAULTS, PRODUCTION_CHART)) {
      for (JsonNode deployment : chart.ofKind("Deployment").values()) {
        Map<String, String> env = chart.environment(deployment.path("spec").path("template").path("spec").path("containers").get(0));
        assertThat(env).containsEntry("DATABASE_MIGRATE", "false").containsEntry("KAFKA_CREATE_TOPICS", "false")
            .containsEntry("IDENTITY_ENABLED", "false").containsEntry("PORT", "8080")
            .containsEntry("EVENTS_SERVICE_URL", "http://events-service:8080")
            .containsEntry("REALTIME_GATEWAY_URL", "http://realtime-gateway:8080");
      }
    }
    Map<String, String> production = PRODUCTION_CHART.environment(PRODUCTION_CHART.get("Deployment", "files-service")
        .path("spec").path("template").path("spec").path("containers").get(0));
    assertThat(production).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "prod-kafka-kafka-bootstrap.kafka.svc:9093")
        .containsEntry("KAFKA_SASL_JAAS_CONFIG", "secret:kafka-user-fashionos/sasl.jaas.config")
        .containsEntry("S3_ACCESS_KEY", "secret:minio-fashionos/accesskey")
        .containsEntry("GEMINI_API_KEY", "secret:gemini/api-key")
        .containsEntry("JWKS_URL", "https://id.fashionos.example.com/.well-known/jwks.json")
        .containsEntry("S3_PUBLIC_ENDPOINT", "https://files.fashionos.example.com")
        .containsEntry("OTEL_SERVICE_NAMESPACE", "fashionos")
        .doesNotContainKey("JWT_SECRET");
    RenderedChart identity = RenderedChart.render(Map.of("identity.enabled", "true"));
    assertThat(identity.get("ConfigMap", "fashionos-config").path("data").path("IDENTITY_ENABLED").asText()).isEqualTo("true");
  }

  @Test
  void onlyFilesServiceHasTheDownloadLinkKeyAndItsPreviousOneIsOptional() {
    for (RenderedChart chart : List.of(DEFAULTS, PRODUCTION_CHART)) {
      for (var deployment : chart.ofKind("Deployment").entrySet()) {
        JsonNode container = deployment.getValue().path("spec").path("template").path("spec").path("containers").get(0);
        Map<String, String> env = chart.environment(container);
        if (deployment.getKey().equals("files-service")) {
          assertThat(env).containsEntry("FILE_LINK_KEY", "secret:fashionos-file-links/key")
              .containsEntry("FILE_LINK_KEY_PREVIOUS", "secret:fashionos-file-links/previous-key");
          JsonNode previous = StreamSupport.stream(container.path("env").spliterator(), false)
              .filter(e -> e.path("name").asText().equals("FILE_LINK_KEY_PREVIOUS")).findFirst().orElseThrow();
          assertThat(previous.path("valueFrom").path("secretKeyRef").path("optional").asBoolean()).isTrue();
        } else {
          assertThat(env).as(deployment.getKey()).doesNotContainKeys("FILE_LINK_KEY", "FILE_LINK_KEY_PREVIOUS");
        }
      }
    }
    RenderedChart renamed = RenderedChart.render(Map.of("secrets.fileLinks.name", "links", "secrets.fileLinks.key", "current"));
    assertThat(renamed.environment(renamed.get("Deployment", "files-service").path("spec").path("template").path("spec")
        .path("containers").get(0))).containsEntry("FILE_LINK_KEY", "secret:links/current");
  }

  @Test
  void theJwksRefreshIntervalIsAnIntegerOfMilliseconds() throws Exception {
    assertThat(DEFAULTS.get("ConfigMap", "fashionos-config").path("data").path("JWKS_REFRESH_MS").asText())
        .isEqualTo("600000");
    // From a values file Helm reads numbers as floats: an hour would print as 3.6e+06 unless converted.
    Path values = java.nio.file.Files.createTempFile("jwks-refresh", ".yaml");
    try {
      java.nio.file.Files.writeString(values, "jwt:\n  jwksRefreshMs: 3600000\n");
      assertThat(RenderedChart.render(values, Map.of()).get("ConfigMap", "fashionos-config").path("data")
          .path("JWKS_REFRESH_MS").asText()).isEqualTo("3600000");
    } finally {
      java.nio.file.Files.delete(values);
    }
  }

  @Test
  void hookJobsMigrateWithTheOwnerSecretAndServicesUseTheRuntimeSecret() {
    assertThat(DEFAULTS.ofKind("Job").keySet()).containsExactlyInAnyOrder("events-service-migrate",
        "tasks-service-migrate", "budget-service-migrate", "files-service-migrate", "ai-tasks-worker-migrate",
        "fashionos-create-topics");
    RenderedChart identity = RenderedChart.render(Map.of("identity.enabled", "true"));
    assertThat(identity.ofKind("Job")).containsKey("api-gateway-migrate");

    for (JsonNode job : identity.ofKind("Job").values()) {
      JsonNode annotations = job.path("metadata").path("annotations");
      assertThat(annotations.path("helm.sh/hook").asText()).isEqualTo("pre-install,pre-upgrade");
      assertThat(annotations.path("helm.sh/hook-delete-policy").asText()).contains("before-hook-creation");
      JsonNode container = job.path("spec").path("template").path("spec").path("containers").get(0);
      assertThat(container.has("envFrom")).as("hooks run before the ConfigMap exists").isFalse();
      Map<String, String> env = identity.environment(container);
      assertThat(env).containsEntry("DATABASE_URL", "secret:fashionos-db-owner/url")
          .containsEntry("DATABASE_RUNTIME_USER", "fashionos_app").containsEntry("KAFKA_PARTITIONS", "6");
      String name = job.path("metadata").path("name").asText();
      String mode = name.endsWith("-migrate") ? "migrate" : "create-topics";
      assertThat(container.path("args").toString()).isEqualTo("[\"" + mode + "\"]");
    }
    // Topics are created before migrations (lower weight first).
    assertThat(identity.hookJobs()).hasSize(7);
    assertThat(identity.hookJobs().get(0).path("metadata").path("name").asText()).isEqualTo("fashionos-create-topics");

    for (RenderedChart chart : List.of(DEFAULTS, PRODUCTION_CHART)) {
      String runtime = chart == DEFAULTS ? "secret:fashionos-db-app/url" : "secret:pg-fashionos-app/uri";
      for (JsonNode deployment : chart.ofKind("Deployment").values()) {
        assertThat(chart.environment(deployment.path("spec").path("template").path("spec").path("containers").get(0)))
            .containsEntry("DATABASE_URL", runtime);
      }
    }
    assertThat(PRODUCTION_CHART.environment(PRODUCTION_CHART.get("Job", "events-service-migrate").path("spec")
        .path("template").path("spec").path("containers").get(0))).containsEntry("DATABASE_URL", "secret:pg-fashionos-owner/uri");
  }

  @Test
  void databaseTlsReachesServicesAndHookJobs() {
    RenderedChart tls = RenderedChart.render(Map.of("database.sslMode", "verify-full",
        "secrets.databaseCa.name", "pg-ca", "kafka.truststoreType", "PKCS12"));
    JsonNode config = tls.get("ConfigMap", "fashionos-config").path("data");
    assertThat(config.path("DATABASE_SSLMODE").asText()).isEqualTo("verify-full");
    assertThat(config.path("DATABASE_SSLROOTCERT").asText()).isEqualTo("/etc/postgresql-ca/ca.crt");
    assertThat(config.path("KAFKA_SSL_TRUSTSTORE_TYPE").asText()).isEqualTo("PKCS12");
    for (JsonNode pod : List.of(tls.get("Deployment", "events-service").path("spec").path("template").path("spec"),
        tls.get("Job", "events-service-migrate").path("spec").path("template").path("spec"))) {
      assertThat(volumeNames(pod)).contains("postgresql-ca");
      assertThat(pod.path("containers").get(0).path("volumeMounts").toString())
          .contains("\"mountPath\":\"/etc/postgresql-ca\"");
    }
    assertThat(tls.environment(tls.get("Job", "events-service-migrate").path("spec").path("template").path("spec")
        .path("containers").get(0))).containsEntry("DATABASE_SSLMODE", "verify-full");
    assertThat(DEFAULTS.get("ConfigMap", "fashionos-config").path("data").has("DATABASE_SSLMODE")).isFalse();
    assertThatThrownBy(() -> RenderedChart.render(Map.of("database.sslMode", "always"))).isInstanceOf(Exception.class);
  }

  @Test
  void onlyTheGatewayIsReachableFromOutside() {
    JsonNode ingress = PRODUCTION_CHART.get("Ingress", "api-gateway");
    assertThat(ingress.path("spec").path("ingressClassName").asText()).isEqualTo("nginx");
    assertThat(ingress.path("spec").path("tls").get(0).path("secretName").asText()).isEqualTo("api-fashionos-tls");
    List<JsonNode> backends = ingress.findValues("service");
    assertThat(backends).isNotEmpty().allSatisfy(b -> {
      assertThat(b.path("name").asText()).isEqualTo("api-gateway");
      assertThat(b.path("port").path("number").asInt()).isEqualTo(8080);
    });
    assertThat(PRODUCTION_CHART.ofKind("Ingress")).hasSize(1);
    assertThat(DEFAULTS.ofKind("Ingress")).isEmpty();

    for (RenderedChart chart : List.of(DEFAULTS, PRODUCTION_CHART)) {
      for (String service : SERVICES) {
        JsonNode policy = chart.get("NetworkPolicy", service).path("spec");
        assertThat(policy.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText()).isEqualTo(service);
        for (JsonNode rule : policy.path("ingress")) {
          JsonNode from = rule.path("from");
          if (service.equals("api-gateway")) {
            continue;
          }
          // Internal services: every rule names a peer; the peer is the gateway or the monitoring namespace.
          assertThat(from.size()).as("%s rule %s", service, rule).isPositive();
          for (JsonNode peer : from) {
            boolean gateway = peer.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText().equals("api-gateway")
                && !peer.has("namespaceSelector");
            boolean monitoring = peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText().equals("monitoring")
                && !peer.has("podSelector");
            assertThat(gateway || monitoring).as("%s admits only the gateway or monitoring: %s", service, peer).isTrue();
          }
        }
      }
    }
    // The gateway admits anyone by default, only the ingress controller's namespace in production.
    assertThat(DEFAULTS.get("NetworkPolicy", "api-gateway").path("spec").path("ingress").get(0).has("from")).isFalse();
    assertThat(PRODUCTION_CHART.get("NetworkPolicy", "api-gateway").path("spec").path("ingress").get(0).path("from").toString())
        .contains("ingress-nginx");
  }

  @Test
  void prometheusRuleAlertsOnTheServicesMetricsWhenEnabled() {
    assertThat(DEFAULTS.ofKind("PrometheusRule")).isEmpty();
    assertThat(PRODUCTION_CHART.ofKind("PrometheusRule")).hasSize(1);
    JsonNode rule = PRODUCTION_CHART.ofKind("PrometheusRule").values().iterator().next();
    assertThat(rule.path("metadata").path("labels").path("release").asText()).isEqualTo("kube-prometheus-stack");
    JsonNode rules = rule.path("spec").path("groups").get(0).path("rules");
    Map<String, JsonNode> alerts = StreamSupport.stream(rules.spliterator(), false)
        .collect(Collectors.toMap(r -> r.path("alert").asText(), r -> r));
    assertThat(alerts.keySet()).containsExactlyInAnyOrder("FashionOSOutboxBacklogOld", "FashionOSNoRelayLeader",
        "FashionOSConsumerLagHigh", "FashionOSRecordsParked", "FashionOSReadinessFailing", "FashionOSServerErrors");
    Map<String, String> metricOf = Map.of(
        "FashionOSOutboxBacklogOld", "fashionos_outbox_oldest_age_seconds{namespace=\"fashionos\"}) > 120",
        "FashionOSNoRelayLeader", "fashionos_outbox_relay_leader{namespace=\"fashionos\"}) == 0",
        "FashionOSConsumerLagHigh", "fashionos_consumer_lag_records{namespace=\"fashionos\"}) > 1000",
        "FashionOSRecordsParked", "fashionos_consumer_parked_records_total{namespace=\"fashionos\"}[30m])) > 0",
        "FashionOSReadinessFailing", "fashionos_readiness_failures_total{namespace=\"fashionos\"}[5m])) > 0",
        "FashionOSServerErrors", "vertx_http_server_requests_total{namespace=\"fashionos\",code=~\"5..\"}[5m]))");
    metricOf.forEach((alert, expr) -> {
      JsonNode r = alerts.get(alert);
      assertThat(r.path("expr").asText()).as(alert).contains(expr);
      assertThat(r.path("labels").path("severity").asText()).as(alert).isIn("warning", "critical");
      assertThat(r.path("annotations").path("summary").asText()).as(alert).contains("{{ $labels.");
      assertThat(r.path("annotations").path("description").asText()).as(alert).contains("docs/operations.md");
    });
    // Balanced brackets and parentheses: a template slip would leave PromQL that Prometheus refuses.
    alerts.values().forEach(r -> {
      String expr = r.path("expr").asText();
      assertThat(expr.chars().filter(c -> c == '(').count()).as(expr).isEqualTo(expr.chars().filter(c -> c == ')').count());
      assertThat(expr.chars().filter(c -> c == '{').count()).as(expr).isEqualTo(expr.chars().filter(c -> c == '}').count());
      assertThat(expr).doesNotContain("{{").doesNotContain("<no value>");
    });
  }

  @Test
  void monitoringAndTopicsCustomResources() {
    JsonNode monitor = PRODUCTION_CHART.get("ServiceMonitor", "tasks-service");
    assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.path("metadata").path("labels").path("release").asText()).isEqualTo("kube-prometheus-stack");
    assertThat(monitor.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText()).isEqualTo("tasks-service");
    JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
    assertThat(endpoint.path("port").asText()).isEqualTo("http");
    assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
    assertThat(endpoint.path("interval").asText()).isEqualTo("15s");
    // The port name the monitor scrapes is the Service's.
    assertThat(PRODUCTION_CHART.get("Service", "tasks-service").path("spec").path("ports").get(0).path("name").asText()).isEqualTo("http");

    Map<String, JsonNode> topics = PRODUCTION_CHART.ofKind("KafkaTopic");
    assertThat(topics).hasSize(6);
    assertThat(PRODUCTION_CHART.ofKind("Job")).doesNotContainKey("fashionos-create-topics");
    for (JsonNode topic : topics.values()) {
      assertThat(topic.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
      assertThat(topic.path("metadata").path("namespace").asText()).isEqualTo("kafka");
      assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo("prod-kafka");
      assertThat(topic.path("spec").path("topicName").asText()).startsWith("prod.fashionos.");
      assertThat(topic.path("spec").path("partitions").isInt()).isTrue();
      assertThat(topic.path("spec").path("replicas").isInt()).isTrue();
    }
    JsonNode tasks = topics.get("prod.fashionos.tasks.v1").path("spec");
    assertThat(tasks.path("partitions").asInt()).isEqualTo(24);
    assertThat(tasks.path("replicas").asInt()).isEqualTo(3);
    assertThat(tasks.path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
    assertThat(tasks.path("config").path("retention.ms").asLong()).isEqualTo(2592000000L);
    JsonNode presence = topics.get("prod.fashionos.presence.v1").path("spec");
    assertThat(presence.path("partitions").asInt()).isEqualTo(12);
    assertThat(presence.path("replicas").asInt()).isEqualTo(2);
    assertThat(presence.path("config").path("min.insync.replicas").asInt()).isEqualTo(1);
    assertThat(DEFAULTS.ofKind("KafkaTopic")).isEmpty();
  }

  /** Every container logs through the platform's logback.xml: JSON lines by default, text and the level on request. */
  @Test
  void logFormatLevelAndJvmFlagsReachEveryContainer() {
    RenderedChart text = RenderedChart.render(Map.of("config.logFormat", "text", "config.logLevel", "DEBUG",
        "config.javaOpts", "-XX:MaxRAMPercentage=60"));
    for (RenderedChart chart : List.of(DEFAULTS, text)) {
      JsonNode config = chart.get("ConfigMap", "fashionos-config").path("data");
      List<Map<String, String>> environments = new ArrayList<>();
      chart.ofKind("Deployment").values().forEach(d -> environments.add(
          chart.environment(d.path("spec").path("template").path("spec").path("containers").get(0))));
      chart.hookJobs().forEach(j -> environments.add(
          chart.environment(j.path("spec").path("template").path("spec").path("containers").get(0))));
      assertThat(environments).hasSizeGreaterThan(7);
      for (Map<String, String> env : environments) {
        assertThat(env).containsEntry("LOG_FORMAT", config.path("LOG_FORMAT").asText())
            .containsEntry("LOG_LEVEL", config.path("LOG_LEVEL").asText())
            .containsEntry("JAVA_TOOL_OPTIONS", config.path("JAVA_TOOL_OPTIONS").asText())
            .doesNotContainKey("JAVA_OPTS");
      }
    }
    assertThat(DEFAULTS.get("ConfigMap", "fashionos-config").path("data").path("LOG_FORMAT").asText()).isEqualTo("json");
    assertThat(DEFAULTS.get("ConfigMap", "fashionos-config").path("data").path("LOG_LEVEL").asText()).isEqualTo("INFO");
    JsonNode config = text.get("ConfigMap", "fashionos-config").path("data");
    assertThat(config.path("LOG_FORMAT").asText()).isEqualTo("text");
    assertThat(config.path("LOG_LEVEL").asText()).isEqualTo("DEBUG");
    assertThat(config.path("JAVA_TOOL_OPTIONS").asText()).isEqualTo("-XX:MaxRAMPercentage=60");
    // The services' logback.xml knows these formats only (it includes logging/<format>.xml).
    assertThatThrownBy(() -> RenderedChart.render(Map.of("config.logFormat", "yaml"))).hasMessageContaining("logFormat");
    assertThatThrownBy(() -> RenderedChart.render(Map.of("config.logLevel", "LOUD"))).hasMessageContaining("logLevel");
  }

  @Test
  void corsOriginsReachTheGatewayOnlyWhenSet() throws Exception {
    assertThat(DEFAULTS.get("ConfigMap", "fashionos-config").path("data").has("CORS_ALLOWED_ORIGINS")).isFalse();
    assertThat(PRODUCTION_CHART.get("ConfigMap", "fashionos-config").path("data").path("CORS_ALLOWED_ORIGINS").asText())
        .isEqualTo("https://app.fashionos.example.com");
    String two = "https://app.fashionos.example.com, http://localhost:*";
    assertThat(withCorsOrigins(two).get("ConfigMap", "fashionos-config").path("data").path("CORS_ALLOWED_ORIGINS")
        .asText()).isEqualTo(two);
    // What the gateway would refuse at start is refused at install: a path, no scheme, * among others.
    for (String bad : List.of("https://app.example.com/", "app.example.com", "*, https://app.example.com")) {
      assertThatThrownBy(() -> withCorsOrigins(bad)).as(bad).hasMessageContaining("corsAllowedOrigins");
    }
  }

  /** From a values file: --set would split the list at its commas. */
  private static RenderedChart withCorsOrigins(String origins) throws Exception {
    Path values = java.nio.file.Files.createTempFile("cors-origins", ".yaml");
    try {
      java.nio.file.Files.writeString(values, "config:\n  corsAllowedOrigins: \"" + origins + "\"\n");
      return RenderedChart.render(values, Map.of());
    } finally {
      java.nio.file.Files.delete(values);
    }
  }

  @Test
  void valuesSchemaRejectsBadValues() {
    assertThatThrownBy(() -> RenderedChart.render(Map.of("services.events-service.replicas", "two")))
        .hasMessageContaining("replicas");
    assertThatThrownBy(() -> RenderedChart.render(Map.of("kafka.securityProtocol", "SSL_ONLY")))
        .hasMessageContaining("securityProtocol");
    assertThatThrownBy(() -> RenderedChart.render(Map.of("services.events-servce.replicas", "2")))
        .hasMessageContaining("events-servce");
    assertThatThrownBy(() -> RenderedChart.render(Map.of("image.registy", "x")))
        .hasMessageContaining("registy");
  }
}
