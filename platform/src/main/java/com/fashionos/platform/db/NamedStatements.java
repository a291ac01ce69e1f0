package com.fashionos.platform.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SQL lives in a {@code .sql} resource beside the repository class that runs it, one statement
 * per {@code -- name: some_name} header. Loaded once; a missing name fails at start-up, not at
 * the first request.
 */
public final class NamedStatements {
  private final Map<String, String> statements;
  private final String source;

  private NamedStatements(String source, Map<String, String> statements) {
    this.source = source;
    this.statements = statements;
  }

  /** Loads {@code <SimpleName>.sql} from the class's package. */
  public static NamedStatements forClass(Class<?> owner) {
    return forResource(owner, owner.getSimpleName() + ".sql");
  }

  /** Loads a named {@code .sql} resource from the package of {@code owner}. */
  public static NamedStatements forResource(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("Missing SQL resource " + resource + " beside " + owner.getName());
      return parse(owner.getName() + ".sql", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + resource, e);
    }
  }

  static NamedStatements parse(String source, String text) {
    Map<String, String> out = new LinkedHashMap<>();
    String name = null;
    StringBuilder sql = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.trim();
      if (trimmed.startsWith("-- name:")) {
        if (name != null) out.put(name, sql.toString().trim());
        name = trimmed.substring("-- name:".length()).trim();
        sql.setLength(0);
      } else if (name != null && !trimmed.startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    if (name != null) out.put(name, sql.toString().trim());
    out.replaceAll((k, v) -> v.endsWith(";") ? v.substring(0, v.length() - 1) : v);
    return new NamedStatements(source, Map.copyOf(out));
  }

  public String get(String name) {
    String sql = statements.get(name);
    if (sql == null) throw new IllegalStateException("No statement '" + name + "' in " + source);
    return sql;
  }
}
