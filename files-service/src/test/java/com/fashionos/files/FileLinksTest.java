package com.fashionos.files;

import static com.fashionos.files.FilesStack.member;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.files.terms.SampleContract;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Download links: on the caller's origin, signed, checked by files-service, streamed from the
 * store (or redirected to it when it has a public address), valid across restarts until they
 * expire. Tests that restart files-service leave it as they found it.
 */
@ExtendWith(TestEngines.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class FileLinksTest {
  private static FilesStack stack;
  private static User sarah;
  private static User marcus;
  private static String eventId;
  private static byte[] pdf;
  private static String pdfId;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new FilesStack(engines, 1024L * 1024 * 1024);
    sarah = stack.users.create("Sarah Chen");
    marcus = stack.users.create("Marcus Webb");
    stack.signIn(sarah);
    stack.signIn(marcus);
    eventId = stack.createEvent(sarah, member(marcus, "production_manager", "edit"));
    pdf = SampleContract.pdf(5 * 1024 * 1024);
    HttpResponse<Buffer> uploaded = stack.upload(sarah, eventId, "event-documents", "Contrat signé (v2).pdf",
        "application/pdf", pdf);
    assertThat(uploaded.statusCode()).as(uploaded.bodyAsString()).isEqualTo(201);
    pdfId = uploaded.bodyAsJsonObject().getJsonObject("file").getString("id");
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static TestApi.Answer file(String fileId, String query) {
    return stack.files.get("/api/v1/events/" + eventId + "/files/" + fileId + query).token(marcus.token()).send();
  }

  private static String link(String fileId, String query) {
    TestApi.Answer answer = file(fileId, query);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json().getJsonObject("file").getString("download_url");
  }

  private static HttpResponse<Buffer> open(HttpMethod method, String url, String... headers) {
    var request = stack.web.requestAbs(method, url).followRedirects(false);
    for (int i = 0; i < headers.length; i += 2) request.putHeader(headers[i], headers[i + 1]);
    return request.send().await();
  }

  private static String errorCode(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonObject("error").getString("code");
  }

  @Test
  void aFiveMegabytePdfDownloadsByteIdenticalWithItsTypeLengthAndASafeName() throws Exception {
    String url = link(pdfId, "");
    assertThat(url).startsWith("http://localhost:" + stack.filesPort + "/storage/v1/files/" + pdfId + "?expires=");
    HttpResponse<Buffer> got = open(HttpMethod.GET, url);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(FilesStack.sha256(got.body().getBytes())).isEqualTo(FilesStack.sha256(pdf));
    assertThat(got.getHeader("Content-Type")).isEqualTo("application/pdf");
    assertThat(got.getHeader("Content-Length")).isEqualTo(Integer.toString(pdf.length));
    assertThat(got.getHeader("Cache-Control")).isEqualTo("private");
    assertThat(got.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(got.getHeader("Content-Disposition"))
        .isEqualTo("inline; filename=\"Contrat-sign_-v2-.pdf\"; filename*=UTF-8''Contrat-sign%C3%A9-v2-.pdf");

    HttpResponse<Buffer> head = open(HttpMethod.HEAD, url);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.getHeader("Content-Length")).isEqualTo(Integer.toString(pdf.length));
    assertThat(head.body()).isNull();
  }

  @Test
  void aRangeAnswersThosesBytesOnly() {
    HttpResponse<Buffer> part = open(HttpMethod.GET, link(pdfId, ""), "Range", "bytes=1000-1999");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.getHeader("Content-Range")).isEqualTo("bytes 1000-1999/" + pdf.length);
    assertThat(part.body().getBytes()).isEqualTo(Arrays.copyOfRange(pdf, 1000, 2000));
    HttpResponse<Buffer> outside = open(HttpMethod.GET, link(pdfId, ""), "Range", "bytes=" + pdf.length + "-");
    assertThat(outside.statusCode()).isEqualTo(416);
    assertThat(errorCode(outside)).isEqualTo("range_not_satisfiable");
  }

  @Test
  void theLinkIsOnTheOriginTheCallerReachedAndWorksFromAnyOther() {
    TestApi.Answer forwarded = stack.files.get("/api/v1/events/" + eventId + "/files/" + pdfId).token(marcus.token())
        .header("X-Forwarded-Host", "files.fashionos.test:8443").header("X-Forwarded-Proto", "https").send();
    String url = forwarded.json().getJsonObject("file").getString("download_url");
    assertThat(url).startsWith("https://files.fashionos.test:8443/storage/v1/files/" + pdfId + "?");
    // The signature covers the path and expiry, not the host: the same link on another name of the gateway.
    URI link = URI.create(url);
    HttpResponse<Buffer> got = open(HttpMethod.GET, "http://127.0.0.1:" + stack.filesPort + link.getRawPath() + "?" + link.getRawQuery());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body().length()).isEqualTo(pdf.length);
  }

  @Test
  void aTamperedLinkIsRefused() {
    String url = link(pdfId, "?expires_in=600");
    String otherId = stack.upload(sarah, eventId, "event-documents", "other.txt", "text/plain", "other".getBytes())
        .bodyAsJsonObject().getJsonObject("file").getString("id");
    long expires = Long.parseLong(url.replaceAll(".*expires=([0-9]+).*", "$1"));
    String sig = url.replaceAll(".*sig=([^&]+).*", "$1");
    String flipped = (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1);
    for (String tampered : new String[] {
        url.replace(pdfId, otherId), // another file
        url.replace("expires=" + expires, "expires=" + (expires + 86_400)), // a longer life
        url.replace("sig=" + sig, "sig=" + flipped),
        url.substring(0, url.indexOf("&sig=")),
        url.replace("expires=" + expires, "expires=soon")}) {
      HttpResponse<Buffer> refused = open(HttpMethod.GET, tampered);
      assertThat(refused.statusCode()).as(tampered).isEqualTo(403);
      assertThat(errorCode(refused)).as(tampered).isEqualTo("link_invalid");
    }
    assertThat(open(HttpMethod.GET, url).statusCode()).isEqualTo(200);
  }

  @Test
  void aLinkExpiresAndLivesAtMostSevenDays() {
    String url = link(pdfId, "?expires_in=1");
    HttpResponse<Buffer> expired = Eventually.eventually("the link expires", () -> open(HttpMethod.HEAD, url),
        r -> r.statusCode() != 200);
    assertThat(expired.statusCode()).isEqualTo(403);
    assertThat(errorCode(open(HttpMethod.GET, url))).isEqualTo("link_expired");

    JsonObject week = file(pdfId, "?expires_in=604800").json().getJsonObject("file");
    assertThat(Instant.parse(week.getString("expires_at"))).isAfter(Instant.now().plusSeconds(604_800 - 600));
    TestApi.Answer longer = file(pdfId, "?expires_in=604801");
    assertThat(longer.status()).isEqualTo(400);
    assertThat(longer.errorFields()).containsExactly("expires_in");
  }

  @Test
  void aLinkOutlivesARestartAndAKeyRotationUntilThePreviousKeyIsDropped() {
    String url = link(pdfId, "?expires_in=3600");
    String rotated = "a-new-link-key-of-at-least-32-characters!";
    try {
      stack.restartFiles(FilesStack.linkSettings(FilesStack.LINK_KEY, Optional.empty(), false));
      assertThat(open(HttpMethod.GET, url).statusCode()).as("after a restart").isEqualTo(200);
      stack.restartFiles(FilesStack.linkSettings(rotated, Optional.of(FilesStack.LINK_KEY), false));
      assertThat(open(HttpMethod.GET, url).statusCode()).as("while rotating").isEqualTo(200);
      String fresh = link(pdfId, "");
      stack.restartFiles(FilesStack.linkSettings(rotated, Optional.empty(), false));
      assertThat(open(HttpMethod.GET, url).statusCode()).as("old key dropped").isEqualTo(403);
      assertThat(open(HttpMethod.GET, fresh).statusCode()).as("new key's link").isEqualTo(200);
    } finally {
      stack.restartFiles(FilesStack.linkSettings(FilesStack.LINK_KEY, Optional.empty(), false));
    }
  }

  @Test
  void aDeletedFilesLinkIsGoneAndAnUnknownPublicFileIsNotFound() {
    String id = stack.upload(sarah, eventId, "event-documents", "to-delete.txt", "text/plain", "bye".getBytes())
        .bodyAsJsonObject().getJsonObject("file").getString("id");
    String url = link(id, "");
    assertThat(open(HttpMethod.GET, url).statusCode()).isEqualTo(200);
    assertThat(stack.files.delete("/api/v1/events/" + eventId + "/files/" + id).token(sarah.token()).send().status())
        .isEqualTo(200);
    HttpResponse<Buffer> gone = open(HttpMethod.GET, url);
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(errorCode(gone)).isEqualTo("file_deleted");
    assertThat(open(HttpMethod.GET, stack.publicUrl(java.util.UUID.randomUUID().toString())).statusCode()).isEqualTo(404);
  }

  @Test
  void withAPublicStoreAddressALinkRedirectsToAShortLivedPresignedUrlThere() {
    String url = link(pdfId, "");
    try {
      stack.restartFiles(FilesStack.linkSettings(FilesStack.LINK_KEY, Optional.empty(), true));
      HttpResponse<Buffer> redirect = open(HttpMethod.GET, url);
      assertThat(redirect.statusCode()).isEqualTo(302);
      String location = redirect.getHeader("Location");
      assertThat(location).startsWith(stack.publicS3Endpoint + "/event-documents/").contains("X-Amz-Expires=600");
      HttpResponse<Buffer> got = open(HttpMethod.GET, location);
      assertThat(got.statusCode()).isEqualTo(200);
      assertThat(FilesStack.sha256(got.body().getBytes())).isEqualTo(FilesStack.sha256(pdf));
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      stack.restartFiles(FilesStack.linkSettings(FilesStack.LINK_KEY, Optional.empty(), false));
    }
  }
}
