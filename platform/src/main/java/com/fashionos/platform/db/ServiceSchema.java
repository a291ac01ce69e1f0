package com.fashionos.platform.db;

import com.fashionos.platform.change.Topics;
import java.util.regex.Pattern;

/**
 * A service's place in the database and on Kafka: its schema, the non-owner role its requests
 * run as, the CloudEvents source it signs records with and the topic it publishes to (null for
 * a schema that publishes nothing, like standalone identity), and whether it keeps the shared read
 * model of event memberships ({@code com.fashionos.platform.membership}) for its row level security.
 */
public record ServiceSchema(String name, Topics.Topic topic, boolean membershipReadModel) {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,30}");

  public ServiceSchema {
    if (!IDENTIFIER.matcher(name).matches()) throw new IllegalArgumentException("Bad schema name " + name);
  }

  public ServiceSchema(String name, Topics.Topic topic) {
    this(name, topic, false);
  }

  /** The same schema with the membership read model's tables and functions. */
  public ServiceSchema withMembershipReadModel() {
    return new ServiceSchema(name, topic, true);
  }

  public String schema() {
    return name;
  }

  public String appRole() {
    return "fashionos_" + name + "_app";
  }

  public String source() {
    return "/fashionos/" + name + "-service";
  }
}
