package com.fashionos.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.RawUpload;
import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.platform.config.Env;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private file's link on the whole stack: asked for at one name of the gateway (127.0.0.1, as
 * another device would use the machine's address), it is on that name, downloads the 5 MB PDF
 * byte for byte through the gateway, names no internal port, and still works after a restart of
 * everything on the same data directory (whose embedded S3 port is new).
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class DownloadLinksTest {
  @TempDir Path dataDir;
  private Standalone standalone;

  @AfterEach
  void stop() {
    if (standalone != null) standalone.close();
  }

  private Standalone start(int port) {
    // The rate limit is off: the test polls for asynchronous projections without pacing itself.
    return Standalone.start(new Env(Map.of("PORT", Integer.toString(port), "FASHIONOS_DATA_DIR", dataDir.toString(),
        "RATE_LIMIT_PER_MINUTE", "0")));
  }

  @Test
  void aLinkWorksFromAnotherHostAndAfterARestart() throws Exception {
    int port = StandaloneProcess.freePort();
    standalone = start(port);
    TestApi api = new TestApi("http://localhost:" + port);
    Answer signedUp = api.post("/auth/v1/signup").json(new JsonObject().put("email", "sarah.links@example.com")
        .put("password", "runway-2027").put("data", new JsonObject().put("full_name", "Sarah Chen"))).send();
    String token = signedUp.json().getString("access_token");
    api.get("/api/v1/events").token(token).send();
    Answer created = api.post("/api/v1/events").token(token).json(new JsonObject().put("name", "Links Show")
        .put("type", "runway_show").put("start_date", "2027-11-05T19:00:00Z").put("team_members", new JsonArray())).send();
    String eventId = created.json().getString("event_id");
    byte[] pdf = pdf(5 * 1024 * 1024);
    String fileId = Eventually.eventually("the PDF is stored", () -> upload(port, token, eventId, pdf),
        answer -> answer.status() == 201).json().getJsonObject("file").getString("id");

    TestApi otherHost = new TestApi("http://127.0.0.1:" + port);
    String link = otherHost.get("/api/v1/events/" + eventId + "/files/" + fileId + "?expires_in=604800").token(token).send()
        .json().getJsonObject("file").getString("download_url");
    assertThat(link).startsWith("http://127.0.0.1:" + port + "/storage/v1/files/" + fileId + "?expires=");
    for (int internal : standalone.internalPorts().values()) assertThat(link).doesNotContain(":" + internal);
    assertDownloads(link, pdf);

    standalone.close();
    standalone = null;
    standalone = start(port);
    assertDownloads(link, pdf);
  }

  private static void assertDownloads(String link, byte[] pdf) throws Exception {
    HttpResponse<byte[]> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(got.body()).isEqualTo(pdf);
  }

  private static Answer upload(int port, String token, String eventId, byte[] pdf) {
    return RawUpload.whole(port, "/api/v1/events/" + eventId + "/files?bucket=event-documents", token, "lookbook.pdf", pdf);
  }

  /** A PDF signature, then bytes that differ from one position to the next. */
  private static byte[] pdf(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) bytes[i] = (byte) (i * 31 + i / 251);
    byte[] signature = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(signature, 0, bytes, 0, signature.length);
    return bytes;
  }
}
