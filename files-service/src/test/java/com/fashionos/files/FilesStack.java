package com.fashionos.files;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers;
import com.fashionos.events.EventsServiceVerticle;
import com.fashionos.files.file.FileLinks;
import com.fashionos.files.file.LinkKeys;
import com.fashionos.files.upload.UploadLimits;
import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.config.S3Config;
import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.platform.db.Database;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A real events-service and files-service on a fresh database, a topic prefix and the tests'
 * s3proxy: files learns memberships from events' change records, as in production. files-service
 * stores at the s3proxy's address and knows another name of it (localhost for 127.0.0.1) as the
 * public one, as a cluster's MinIO has an internal and a public address; its links stream through
 * it unless a test redeploys it to redirect there.
 */
final class FilesStack implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final DatabaseConfig database;
  final S3Config s3;
  /** Where download links point: the same s3proxy under its other name. */
  final String publicS3Endpoint;
  final KafkaConfig kafka;
  final TestUsers users = new TestUsers(vertx);
  final TestApi events;
  final TestApi files;
  /** Fixed, so that links stay on the same origin when files-service is redeployed. */
  final int filesPort;
  private final ServiceConfig filesService;
  private final long quotaBytes;
  private final UploadLimits uploadLimits;
  private final String eventsUrl;
  private String filesDeployment;
  final WebClient web;
  final MinioClient objects;
  private final Pool owner;

  FilesStack(TestEngines.Stack stack, long quotaBytes) {
    this(stack, quotaBytes, UploadLimits.DEFAULTS);
  }

  FilesStack(TestEngines.Stack stack, long quotaBytes, UploadLimits uploadLimits) {
    database = stack.freshDatabase().withPoolSize(4);
    s3 = stack.s3();
    publicS3Endpoint = otherName(s3.endpoint());
    kafka = stack.kafka();
    ServiceConfig common = new ServiceConfig(0, database, kafka, new AuthConfig(TestUsers.SECRET, null));
    EventsServiceVerticle eventsService = new EventsServiceVerticle(common);
    vertx.deployVerticle(eventsService).await();
    filesPort = freePort();
    filesService = new ServiceConfig(filesPort, database, kafka, new AuthConfig(TestUsers.SECRET, null));
    eventsUrl = "http://localhost:" + eventsService.port();
    this.quotaBytes = quotaBytes;
    this.uploadLimits = uploadLimits;
    filesDeployment = deployFiles(linkSettings(LINK_KEY, Optional.empty(), false));
    events = new TestApi("http://localhost:" + eventsService.port());
    files = new TestApi("http://localhost:" + filesPort);
    web = WebClient.create(vertx);
    objects = MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey())
        .region(s3.region()).build();
    owner = PgBuilder.pool().connectingTo(Database.connectOptions(database, FilesServiceVerticle.SCHEMA)).using(vertx).build();
  }

  /** What files-service signs links with here, as a deployment's FILE_LINK_KEY. */
  static final String LINK_KEY = "files-stack-link-key-of-at-least-32-characters";

  static FileLinks.Settings linkSettings(String key, Optional<String> previousKey, boolean redirectToStore) {
    return new FileLinks.Settings(Optional.empty(), new LinkKeys(key, previousKey), redirectToStore);
  }

  private String deployFiles(FileLinks.Settings links) {
    return vertx.deployVerticle(new FilesServiceVerticle(new FilesServiceConfig(filesService, eventsUrl,
        s3.withPublicEndpoint(publicS3Endpoint), quotaBytes, uploadLimits, links))).await();
  }

  /** Stops files-service and starts it again on the same port, with these link settings. */
  void restartFiles(FileLinks.Settings links) {
    vertx.undeploy(filesDeployment).await();
    filesDeployment = deployFiles(links);
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The loopback address by its other name: 127.0.0.1 for localhost and the reverse. */
  private static String otherName(String endpoint) {
    if (endpoint.contains("//127.0.0.1:")) return endpoint.replace("//127.0.0.1:", "//localhost:");
    if (endpoint.contains("//localhost:")) return endpoint.replace("//localhost:", "//127.0.0.1:");
    throw new IllegalStateException("The tests' S3 is not on loopback: " + endpoint);
  }

  /** SQL as the owner of schema files. */
  List<Row> sql(String statement, Object... args) {
    List<Row> rows = new ArrayList<>();
    owner.preparedQuery(statement).execute(Tuple.from(args)).await().forEach(rows::add);
    return rows;
  }

  /**
   * SQL as a request runs it: the service's non-owner role with {@code app.user_id} set, so row
   * level security applies (in one transaction, committed if the statement succeeds).
   */
  List<Row> sqlAs(UUID userId, String statement, Object... args) {
    List<Row> rows = new ArrayList<>();
    owner.withTransaction(conn -> conn.preparedQuery("SELECT set_config('role', $1, true), set_config('app.user_id', $2, true)")
        .execute(Tuple.of(FilesServiceVerticle.SCHEMA.appRole(), userId.toString()))
        .compose(v -> conn.preparedQuery(statement).execute(Tuple.from(args)))).await().forEach(rows::add);
    return rows;
  }

  /**
   * Everything stored about the event's files, as the owner sees it: its file and contract rows,
   * its storage settings and the object keys in every bucket. Equal before and after a call that
   * changed nothing.
   */
  String snapshot(String eventId) throws Exception {
    String rows = sql("SELECT jsonb_build_object("
        + "'files', (SELECT jsonb_agg(to_jsonb(f.*) ORDER BY f.id) FROM files f WHERE f.event_id = $1),"
        + "'contracts', (SELECT jsonb_agg(to_jsonb(c.*) ORDER BY c.id) FROM contracts c WHERE c.event_id = $1),"
        + "'storage', (SELECT to_jsonb(s.*) FROM event_storage s WHERE s.event_id = $1)"
        + ")::text AS snapshot", UUID.fromString(eventId)).get(0).getString("snapshot");
    List<String> keys = new ArrayList<>();
    for (String bucket : List.of("event-images", "event-documents", "event-media")) keys.addAll(storedKeys(bucket, eventId));
    keys.sort(null);
    return rows + " " + keys;
  }

  void signIn(TestUsers.User user) {
    events.get("/api/v1/events").token(user.token()).send();
  }

  /** An event the caller leads, with these teammates. */
  String createEvent(TestUsers.User lead, JsonObject... team) {
    JsonObject body = new JsonObject().put("name", "Files show").put("type", "runway_show")
        .put("start_date", "2027-09-10T19:00:00Z").put("team_members", new JsonArray(List.of((Object[]) team)));
    TestApi.Answer answer = events.post("/api/v1/events").token(lead.token()).json(body).send();
    if (answer.status() != 201) throw new AssertionError("create event failed: " + answer);
    return answer.json().getString("event_id");
  }

  static JsonObject member(TestUsers.User user, String role, String permissions) {
    return new JsonObject().put("user_id", user.id().toString()).put("role", role).put("permissions", permissions);
  }

  /** POSTs the bytes as a browser's FormData would, in the field {@code file}. */
  HttpResponse<Buffer> upload(TestUsers.User user, String eventId, String bucket, String fileName, String declaredType,
      byte[] bytes) {
    MultipartForm form = MultipartForm.create().binaryFileUpload("file", fileName, Buffer.buffer(bytes), declaredType);
    return uploadForm(user, eventId, "?bucket=" + bucket, form);
  }

  /** POSTs a multipart form of the caller's making; {@code query} is what follows the path (e.g. "?bucket=…"). */
  HttpResponse<Buffer> uploadForm(TestUsers.User user, String eventId, String query, MultipartForm form) {
    return web.post(filesPort, "localhost", "/api/v1/events/" + eventId + "/files" + query)
        .putHeader("Authorization", "Bearer " + user.token())
        .sendMultipartForm(form).await();
  }

  /** A multipart answer as the tests' other answers are read. */
  static TestApi.Answer answer(HttpResponse<Buffer> response) {
    return new TestApi.Answer(response.statusCode(), response.bodyAsString(), java.util.Map.of());
  }

  /** The stable address of a public file, served by files-service itself (the gateway's host in production). */
  String publicUrl(String fileId) {
    return "http://localhost:" + filesPort + "/public/v1/files/" + fileId;
  }

  static String sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** A GET of an absolute URL (a download link) with no headers. */
  HttpResponse<Buffer> fetch(String url) {
    return web.getAbs(url).send().await();
  }

  /** The event's object keys in the bucket once none of them ends with {@code suffix} (objects go after the answer). */
  List<String> keysWithout(String bucket, String eventId, String suffix) {
    return Eventually.eventually("no stored key ending with " + suffix, () -> keys(bucket, eventId),
        keys -> keys.stream().noneMatch(k -> k.endsWith(suffix)));
  }

  /** {@link #storedKeys} for probes, which take no checked exceptions. */
  List<String> keys(String bucket, String eventId) {
    try {
      return storedKeys(bucket, eventId);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A PNG signature and header, padded to {@code size} bytes. */
  static byte[] png(int size) {
    return java.util.Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
        'I', 'H', 'D', 'R'}, size);
  }

  /** The object keys stored for the event in the bucket. */
  List<String> storedKeys(String bucket, String eventId) throws Exception {
    List<String> keys = new ArrayList<>();
    for (Result<Item> item : objects.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix("events/" + eventId + "/")
        .recursive(true).build())) {
      keys.add(item.get().objectName());
    }
    return keys;
  }

  @Override
  public void close() {
    owner.close().await();
    vertx.close().await();
  }
}
