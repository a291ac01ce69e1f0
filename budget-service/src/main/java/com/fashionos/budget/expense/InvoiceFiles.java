package com.fashionos.budget.expense;

import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.ApiException.FieldIssue;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.UUID;

/**
 * Whether an expense's {@code invoice_file_id} is a file of the expense's event that the caller
 * may read. budget-service keeps no files: it asks files-service, with the caller's own token,
 * for {@code GET /api/v1/events/{eventId}/files/{fileId}}, which answers 200 only for such a file.
 * Asked before the write, so a just-uploaded invoice is found (no read model to lag behind).
 */
public final class InvoiceFiles {
  private static final String FIELD = "invoice_file_id";
  private final WebClient client;
  private final String filesServiceUrl;

  public InvoiceFiles(WebClient client, String filesServiceUrl) {
    this.client = client;
    this.filesServiceUrl = filesServiceUrl;
  }

  /** Succeeds when there is no file to check or the file is the event's; else 422 naming the field. */
  Future<Void> check(RoutingContext ctx, UUID eventId, Object fileId) {
    if (!(fileId instanceof UUID id)) return Future.succeededFuture();
    return client.getAbs(filesServiceUrl + "/api/v1/events/" + eventId + "/files/" + id)
        .putHeader("Authorization", ctx.request().getHeader("Authorization"))
        .timeout(5_000)
        .send()
        .recover(e -> Future.failedFuture(unavailable()))
        .map(response -> {
          if (response.statusCode() == 200) return null;
          if (response.statusCode() == 404) {
            throw ApiException.unprocessable("reference_invalid", "No file with this id in this event",
                List.of(new FieldIssue(FIELD, "must be a file of this event that you may read")));
          }
          throw unavailable();
        });
  }

  private static ApiException unavailable() {
    return new ApiException(503, "files_unavailable", "Could not check invoice_file_id with files-service; try again",
        List.of(new FieldIssue(FIELD, "could not be checked just now")));
  }
}
