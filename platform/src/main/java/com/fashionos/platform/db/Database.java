package com.fashionos.platform.db;

import com.fashionos.platform.auth.Principal;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.http.ApiResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.net.ssl.TrustManagerFactory;

/**
 * A service's database: its schema migrated on open, a pool whose search path is that schema,
 * and the three ways to run work. Requests run as the service's non-owner role with the acting
 * user set, so row level security holds even if handler code is wrong; consumers and relays run
 * as the login user: the schema owner, or the runtime user whose own policies give it the owner's
 * reach (db/runtime-user).
 */
public final class Database {
  private static final NamedStatements SQL = NamedStatements.forClass(Database.class);
  private final Pool pool;
  private final ServiceSchema service;
  private final Outbox outbox;

  private Database(Pool pool, ServiceSchema service) {
    this.pool = pool;
    this.service = service;
    this.outbox = service.topic() == null ? null : new Outbox(service.topic().name());
  }

  /**
   * Migrates the schema (platform tables first, then the service's own), or with
   * {@code migrate} off only checks that it is migrated, and opens the pool.
   */
  public static Future<Database> open(Vertx vertx, DatabaseConfig config, ServiceSchema service) {
    return vertx.executeBlocking(() -> {
      if (config.migrate()) {
        Migrations.migrate(config, service);
      } else {
        Migrations.verify(config, service);
      }
      return null;
    }).map(done -> new Database(PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(config.poolSize()).setName(service.name() + "-pool").setShared(false))
        .connectingTo(connectOptions(config, service))
        .using(vertx)
        .build(), service));
  }

  public static PgConnectOptions connectOptions(DatabaseConfig config, ServiceSchema service) {
    return new PgConnectOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setDatabase(config.database())
        .setUser(config.user())
        .setPassword(config.password())
        .setCachePreparedStatements(true)
        .setProperties(Map.of("search_path", service.schema(), "application_name", "fashionos-" + service.name()))
        .setSslMode(SslMode.of(config.sslMode()))
        .setSslOptions(sslOptions(config));
  }

  /**
   * As libpq: verify-ca and verify-full check the server's certificate against the root
   * certificate (or the JVM's trust store), verify-full its host name too; the other modes encrypt
   * without checking who answers, unless a root certificate is given.
   */
  private static ClientSSLOptions sslOptions(DatabaseConfig config) {
    ClientSSLOptions ssl = new ClientSSLOptions()
        .setHostnameVerificationAlgorithm(config.sslMode().equals("verify-full") ? "HTTPS" : "");
    if (config.sslRootCert() != null) return ssl.setTrustOptions(new PemTrustOptions().addCertPath(config.sslRootCert()));
    if (config.sslMode().startsWith("verify-")) return ssl.setTrustOptions(TrustOptions.wrap(jvmTrust()));
    return ssl.setTrustAll(true);
  }

  /** The JVM's own certificate authorities (its cacerts or javax.net.ssl.trustStore). */
  private static TrustManagerFactory jvmTrust() {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      return factory;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the JVM's trusted certificates", e);
    }
  }

  public Pool pool() {
    return pool;
  }

  public ServiceSchema service() {
    return service;
  }

  /** Reads as the user: row level security decides what the user sees. */
  public <T> Future<T> read(Principal principal, Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(conn -> actAs(conn, principal).compose(v -> work.apply(conn)));
  }

  /**
   * Changes data as the user. With an Idempotency-Key the response is stored in the same
   * transaction as the change, so an acknowledged write and its replay answer never diverge.
   */
  public Future<ApiResponse> write(Mutation m, Function<Transaction, Future<ApiResponse>> work) {
    if (m.idempotencyKey() == null) return change(m, work);
    return pool.withTransaction(conn -> actAs(conn, m.principal()).compose(v -> IdempotencyKeys.claim(conn, m)))
        .compose(replay -> replay != null ? Future.succeededFuture(replay)
            : change(m, tx -> work.apply(tx).compose(response ->
                IdempotencyKeys.complete(tx.sql(), m, response).map(response)))
                .recover(failure -> pool.withTransaction(conn -> actAs(conn, m.principal())
                        .compose(v -> IdempotencyKeys.release(conn, m)))
                    .transform(released -> Future.failedFuture(failure))));
  }

  private Future<ApiResponse> change(Mutation m, Function<Transaction, Future<ApiResponse>> work) {
    return pool.withTransaction(conn -> actAs(conn, m.principal())
        .compose(v -> work.apply(new Transaction(conn, m, service, outbox))));
  }

  /** Changes data as the service itself (consumers, sweepers): no row level security. */
  public <T> Future<T> internal(Mutation m, Function<Transaction, Future<T>> work) {
    return pool.withTransaction(conn -> work.apply(new Transaction(conn, m, service, outbox)));
  }

  /**
   * Applies a consumed record's effect exactly once per consumer: the record id is noted in the
   * same transaction as the effect, so a redelivery after a crash finds it and does nothing.
   */
  public Future<Boolean> applyOnce(String consumer, UUID recordId, String topic, Mutation m,
      Function<Transaction, Future<Void>> effect) {
    return pool.withTransaction(conn -> conn.preparedQuery(SQL.get("mark_processed"))
        .execute(Tuple.of(consumer, recordId, topic))
        .compose(marked -> marked.rowCount() == 0 ? Future.succeededFuture(false)
            : effect.apply(new Transaction(conn, m, service, outbox)).map(true)));
  }

  static Future<Void> actAsService(SqlConnection conn) {
    return conn.query(SQL.get("act_as_service")).execute().mapEmpty();
  }

  private Future<Void> actAs(SqlConnection conn, Principal principal) {
    return conn.preparedQuery(SQL.get("act_as_user"))
        .execute(Tuple.of(service.appRole(), principal.userId().toString()))
        .mapEmpty();
  }

  public Future<Void> close() {
    return pool.close();
  }
}
