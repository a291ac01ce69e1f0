package com.fashionos.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UuidsTest {
  @Test
  void parsesCanonicalLowerAndUpperCase() {
    String id = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    assertThat(Uuids.parse(id)).isEqualTo(UUID.fromString(id));
    assertThat(Uuids.parse(id.toUpperCase())).isEqualTo(UUID.fromString(id));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {
      "", "1-1-1-1-1", "7c9e6679742540de944be07fc1f90ae7", "{7c9e6679-7425-40de-944b-e07fc1f90ae7}",
      " 7c9e6679-7425-40de-944b-e07fc1f90ae7", "7c9e6679-7425-40de-944b-e07fc1f90ae7\n",
      "7c9e6679-7425-40de-944b-e07fc1f90ae", "7c9e6679-7425-40de-944b-e07fc1f90ae7a",
      "7c9e6679-7425-40de-944b-e07fc1f90aeg", "7c9e667-97425-40de-944b-e07fc1f90ae7"})
  void rejectsEverythingElse(String text) {
    assertThat(Uuids.parse(text)).isNull();
  }
}
