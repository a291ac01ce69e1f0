package com.fashionos.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.io.IOException;
import java.util.Map;

/**
 * Offline validation of rendered manifests against the Kubernetes API: the generated models of
 * client-java refuse unknown fields and missing required ones at every level. CRDs (no model
 * here) are checked for apiVersion/kind and the fields the chart uses by the tests.
 */
final class KubernetesSchemas {

  interface Validator {
    void validate(JsonObject json) throws IOException;
  }

  private static final Map<String, Validator> CORE = Map.of(
      "apps/v1/Deployment", V1Deployment::validateJsonObject,
      "v1/Service", V1Service::validateJsonObject,
      "v1/ConfigMap", V1ConfigMap::validateJsonObject,
      "v1/ServiceAccount", V1ServiceAccount::validateJsonObject,
      "batch/v1/Job", V1Job::validateJsonObject,
      "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler::validateJsonObject,
      "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget::validateJsonObject,
      "networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy::validateJsonObject,
      "networking.k8s.io/v1/Ingress", V1Ingress::validateJsonObject);

  static final Map<String, String> CUSTOM = Map.of(
      "ServiceMonitor", "monitoring.coreos.com/v1",
      "PrometheusRule", "monitoring.coreos.com/v1",
      "KafkaTopic", "kafka.strimzi.io/v1beta2");

  private KubernetesSchemas() {
  }

  /** Validates one manifest; fails with the kind, name and the model's message. */
  static void validate(JsonNode manifest) {
    String kind = manifest.path("kind").asText();
    String apiVersion = manifest.path("apiVersion").asText();
    String name = manifest.path("metadata").path("name").asText();
    assertThat(name).as("metadata.name of %s", kind).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?").hasSizeLessThanOrEqualTo(63);
    if (CUSTOM.containsKey(kind)) {
      assertThat(apiVersion).as("%s/%s apiVersion", kind, name).isEqualTo(CUSTOM.get(kind));
      return;
    }
    Validator validator = CORE.get(apiVersion + "/" + kind);
    assertThat(validator).as("a known Kubernetes kind: %s %s", apiVersion, kind).isNotNull();
    try {
      validator.validate(JsonParser.parseString(manifest.toString()).getAsJsonObject());
    } catch (IOException | RuntimeException e) {
      throw new AssertionError(kind + "/" + name + " is not valid Kubernetes: " + e.getMessage(), e);
    }
  }
}
