package com.fashionos.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartRenderTest {
  @Test
  void smoke() {
    RenderedChart chart = RenderedChart.render(Map.of());
    System.out.println(chart.yaml());
    chart.all().forEach(KubernetesSchemas::validate);
    assertThat(chart.ofKind("Deployment")).hasSize(7);
  }
}
