package com.fashionos.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How If-None-Match and Accept-Encoding are read; the answers themselves are tested through the gateway. */
class JsonAnswersTest {

  @Test
  void ifNoneMatchComparesWeaklyAndIgnoresTheEncodingSuffix() {
    assertThat(JsonAnswers.matches("\"abc\"", "abc")).isTrue();
    assertThat(JsonAnswers.matches("W/\"abc\"", "abc")).isTrue();
    assertThat(JsonAnswers.matches("\"abc-gzip\"", "abc")).isTrue();
    assertThat(JsonAnswers.matches("\"x\", \"abc\"", "abc")).isTrue();
    assertThat(JsonAnswers.matches("*", "abc")).isTrue();
    assertThat(JsonAnswers.matches("\"abcd\"", "abc")).isFalse();
    assertThat(JsonAnswers.matches("abc", "abc")).isFalse(); // unquoted is no tag
    assertThat(JsonAnswers.matches(null, "abc")).isFalse();
  }

  @Test
  void acceptEncodingHonoursQualitiesAndTheWildcard() {
    assertThat(JsonAnswers.accepts("gzip, deflate, br", "gzip")).isTrue();
    assertThat(JsonAnswers.accepts("br;q=1.0, GZIP;q=0.5", "gzip")).isTrue();
    assertThat(JsonAnswers.accepts("*", "gzip")).isTrue();
    assertThat(JsonAnswers.accepts("gzip;q=0", "gzip")).isFalse();
    assertThat(JsonAnswers.accepts("*, gzip;q=0", "gzip")).isFalse();
    assertThat(JsonAnswers.accepts("identity", "gzip")).isFalse();
    assertThat(JsonAnswers.accepts(null, "gzip")).isFalse();
  }
}
