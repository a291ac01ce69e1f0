package com.fashionos.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {
  private final Env env = new Env(Map.of("PORT", " 8080 ", "BLANK", "  ", "NAME", " events ", "BAD", "80a"));

  @Test
  void optionalTrimsAndTreatsBlankAsAbsent() {
    assertThat(env.optional("NAME")).contains("events");
    assertThat(env.optional("BLANK")).isEmpty();
    assertThat(env.optional("MISSING")).isEmpty();
  }

  @Test
  void getFallsBackToTheDefault() {
    assertThat(env.get("NAME", "x")).isEqualTo("events");
    assertThat(env.get("BLANK", "x")).isEqualTo("x");
    assertThat(env.get("MISSING", "x")).isEqualTo("x");
  }

  @Test
  void getIntParsesTrimmedValuesOrDefaults() {
    assertThat(env.getInt("PORT", 1)).isEqualTo(8080);
    assertThat(env.getInt("BLANK", 1)).isEqualTo(1);
    assertThat(env.getInt("MISSING", 2)).isEqualTo(2);
  }

  @Test
  void getIntNamesTheVariableAndValueWhenNotAnInteger() {
    assertThatThrownBy(() -> env.getInt("BAD", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("BAD must be an integer, got '80a'")
        .hasCauseInstanceOf(NumberFormatException.class);
  }
}
