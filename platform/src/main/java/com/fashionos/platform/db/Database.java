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
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A service's database: its schema migrated on open, a pool whose search path is that schema,
 * and the three ways to run work. Requests run as the service's non-owner role with the acting
 * user set, so row level security holds even if handler code is wrong; consumers and relays run
 * as the login user: the schema owner, or the runtime user whose own policies give it the owner's
 * reach (db/runtime-user).
 */
public final class Database {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final NamedStatements SQL = NamedStatements.forClass(Database.class);
  private static final long POOL_CLOSE_MS = 1_000;
  private final Vertx vertx;
  private final PgConnectOptions connectOptions;
  private final Pool pool;
  private final ServiceSchema service;
  private final Outbox outbox;
  /** Idempotency-Key claims of requests still running: released on close, not left for a minute. */
  private final Set<Mutation> claims = ConcurrentHashMap.newKeySet();

  private Database(Vertx vertx, PgConnectOptions connectOptions, Pool pool, ServiceSchema service) {
    this.vertx = vertx;
    this.connectOptions = connectOptions;
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
    }).map(done -> new Database(vertx, connectOptions(config, service), PgBuilder.pool()
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
        .compose(replay -> {
          if (replay != null) return Future.succeededFuture(replay);
          claims.add(m);
          return change(m, tx -> work.apply(tx).compose(response ->
                IdempotencyKeys.complete(tx.sql(), m, response).map(response)))
              .onSuccess(done -> claims.remove(m))
              .recover(failure -> pool.withTransaction(conn -> actAs(conn, m.principal())
                      .compose(v -> IdempotencyKeys.release(conn, m)))
                  .onSuccess(released -> claims.remove(m))
                  .transform(released -> Future.failedFuture(failure)));
        });
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

  /**
   * Releases the Idempotency-Key claims of requests still running (on a connection of its own),
   * then closes the pool: a retry, on another replica, runs at once instead of answering 409
   * until the claim goes stale. Such a request cannot store its answer any more, so its
   * transaction rolls back even if it gets that far ({@link IdempotencyKeys#complete}).
   */
  public Future<Void> close() {
    // A pool closes a connection only after its statement ends: one stuck (on a lock, say) would
    // hold the stop up; the process ends its connection anyway, and the database rolls it back.
    return releaseClaims().transform(released -> pool.close().timeout(POOL_CLOSE_MS, TimeUnit.MILLISECONDS)
        .recover(e -> {
          LOG.warn("{}: a statement still runs, its connection is left to end with the process", service.name());
          return Future.succeededFuture();
        }));
  }

  private Future<Void> releaseClaims() {
    List<Mutation> left = List.copyOf(claims);
    if (left.isEmpty()) return Future.succeededFuture();
    return PgConnection.connect(vertx, connectOptions)
        .compose(conn -> conn.begin().compose(tx -> {
          Future<Void> chain = Future.succeededFuture();
          for (Mutation m : left) {
            chain = chain.compose(v -> actAs(conn, m.principal())).compose(v -> IdempotencyKeys.release(conn, m));
          }
          return chain.compose(v -> tx.commit());
        }).eventually(conn::close))
        .onSuccess(v -> {
          claims.removeAll(left);
          LOG.info("{} released {} Idempotency-Key claims of requests that could not finish", service.name(), left.size());
        })
        .recover(e -> {
          LOG.warn("{} could not release {} Idempotency-Key claims (they go stale in a minute): {}", service.name(),
              left.size(), e.toString());
          return Future.succeededFuture();
        });
  }
}
