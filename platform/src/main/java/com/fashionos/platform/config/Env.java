package com.fashionos.platform.config;

import java.util.Map;
import java.util.Optional;

/**
 * Reads configuration once from a map of environment variables. Every getter takes the default
 * that makes standalone mode work with no configuration at all.
 */
public final class Env {
  private final Map<String, String> vars;

  public Env(Map<String, String> vars) {
    this.vars = Map.copyOf(vars);
  }

  public static Env system() {
    return new Env(System.getenv());
  }

  public Optional<String> optional(String name) {
    String value = vars.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String get(String name, String defaultValue) {
    return optional(name).orElse(defaultValue);
  }

  public int getInt(String name, int defaultValue) {
    return optional(name).map(v -> parseInt(name, v)).orElse(defaultValue);
  }

  /** true/false (any case); anything else is a configuration error, not a silent false. */
  public boolean getBoolean(String name, boolean defaultValue) {
    return optional(name).map(v -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
    }).orElse(defaultValue);
  }

  private static int parseInt(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'", e);
    }
  }
}
