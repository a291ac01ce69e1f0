package com.fashionos.platform.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How clients authenticate to the brokers and encrypt the connection: the Kafka client settings
 * of the same names. PLAINTEXT (the default) is for standalone and tests only.
 *
 * @param saslJaasConfig holds the password: never logged ({@link #toString()})
 */
public record KafkaSecurity(String protocol, String saslMechanism, String saslJaasConfig,
    String truststoreLocation, String truststorePassword, String truststoreType) {
  private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  public static final KafkaSecurity PLAINTEXT = new KafkaSecurity("PLAINTEXT", null, null, null, null, null);

  public KafkaSecurity {
    if (!PROTOCOLS.contains(protocol)) {
      throw new IllegalArgumentException("KAFKA_SECURITY_PROTOCOL must be one of " + PROTOCOLS + ", got '" + protocol + "'");
    }
    if (protocol.startsWith("SASL_") && (saslMechanism == null || saslJaasConfig == null)) {
      throw new IllegalArgumentException(protocol + " needs KAFKA_SASL_MECHANISM and KAFKA_SASL_JAAS_CONFIG");
    }
  }

  /**
   * KAFKA_SECURITY_PROTOCOL (PLAINTEXT), KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG,
   * KAFKA_SSL_TRUSTSTORE_LOCATION, KAFKA_SSL_TRUSTSTORE_PASSWORD, KAFKA_SSL_TRUSTSTORE_TYPE.
   */
  public static KafkaSecurity fromEnv(Env env) {
    return new KafkaSecurity(
        env.get("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT"),
        env.optional("KAFKA_SASL_MECHANISM").orElse(null),
        env.optional("KAFKA_SASL_JAAS_CONFIG").orElse(null),
        env.optional("KAFKA_SSL_TRUSTSTORE_LOCATION").orElse(null),
        env.optional("KAFKA_SSL_TRUSTSTORE_PASSWORD").orElse(null),
        env.optional("KAFKA_SSL_TRUSTSTORE_TYPE").orElse(null));
  }

  /** SASL over an unencrypted connection with the given mechanism and JAAS line. */
  public static KafkaSecurity saslPlaintext(String mechanism, String jaasConfig) {
    return new KafkaSecurity("SASL_PLAINTEXT", mechanism, jaasConfig, null, null, null);
  }

  /** The client settings: only those that are set, so the clients' own defaults apply otherwise. */
  public Map<String, String> clientSettings() {
    Map<String, String> settings = new HashMap<>();
    settings.put("security.protocol", protocol);
    putIfSet(settings, "sasl.mechanism", saslMechanism);
    putIfSet(settings, "sasl.jaas.config", saslJaasConfig);
    putIfSet(settings, "ssl.truststore.location", truststoreLocation);
    putIfSet(settings, "ssl.truststore.password", truststorePassword);
    putIfSet(settings, "ssl.truststore.type", truststoreType);
    return settings;
  }

  private static void putIfSet(Map<String, String> settings, String key, String value) {
    if (value != null) settings.put(key, value);
  }

  @Override
  public String toString() {
    return "KafkaSecurity[" + protocol + (saslMechanism == null ? "" : ", " + saslMechanism)
        + (truststoreLocation == null ? "" : ", truststore=" + truststoreLocation) + "]";
  }
}
